import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { assertInTransaction, lockNamesOf, type LockKey } from '../../db/locks.ts';
import { queryRows } from '../../db/raw.ts';
import type { CountBound } from '../../domain/stock-rules.ts';
import { commonErrors } from '../common/errors.ts';
import { createBatcher } from './batches.ts';
import type { ConsumptionPlan } from './consumption-plan.ts';
import { arrayOf, countArgs, countsOf, type CartCounts } from './count-for-cart.ts';
import {
  batchEntryOf,
  batchKeyOf,
  boundsJson,
  placeBatch,
  type BatchEntry,
  type Placement,
  type PlacementOutcome,
} from './placement.ts';
import { takeAnswerShape } from './sql-shapes.ts';

/**
 * The consumption kernel: ONE executor for every plan (consumption-plan.ts), created once per
 * database handle in the composition root (http/app.ts) and passed to the services that take
 * capacity. It holds the only concurrency state of the application: the per-product lanes in
 * front of the advisory locks (which also batch placements), and the negative-control switch. Why each exists, with the
 * bench/rush numbers: docs/decisions/concurrency.md.
 */
export interface KernelOptions {
  /** Most consumptions of one scope placed by one statement; 1 places each alone. */
  batchSize: number;
  /** Statements per product key at PostgreSQL at once from this process (batcher and queue). */
  inFlightPerKey: number;
  /** Consumptions of one product wait in one lane; off (only to measure it) = a lane each. */
  localQueue: boolean;
}

export const DEFAULT_KERNEL_OPTIONS: KernelOptions = {
  batchSize: 32,
  inFlightPerKey: 2,
  localQueue: true,
};

/** What a take found under its locks: the fresh counts, and the first bound they break. */
export interface Taken {
  counts: CartCounts;
  broken: CountBound | null;
}

export interface ConsumptionKernel {
  /**
   * D2.2 inside the caller's transaction, in one statement (`lanyard_take`): lock the plan's
   * keys, count in a fresh snapshot, check the plan's bounds. The locks stay until commit, so the
   * caller writes under them (an order paid at once, a revival).
   */
  take(tx: Database, plan: ConsumptionPlan, at: Date): Promise<Taken>;
  /** D2.2 outside any transaction: lock, count, check and write in one batched statement. */
  place(placement: Placement): Promise<PlacementOutcome>;
  /** Runs `work` (a transaction that takes `keys`) in its turn in its products' lane. */
  inTurn<T>(keys: readonly LockKey[], work: () => Promise<T>): Promise<T>;
  /**
   * The negative control (D2.3): with application locks off, no lock is taken, no bound is
   * checked and nothing queues, so only the database fence stands between racing consumptions
   * and an oversell. Refused outside tests.
   */
  setApplicationLocks(enabled: boolean, nodeEnv: string | undefined): void;
}

/**
 * The kernel's take, for a caller that does not hold the kernel yet (late-payment revival, reached
 * from the payment services): it needs no per-process state, and always locks.
 */
export async function takeInTransaction(
  tx: Database,
  plan: ConsumptionPlan,
  at: Date,
): Promise<Taken> {
  assertInTransaction(tx);
  const [row] = await queryRows<{ answer: unknown }>(
    tx,
    sql`SELECT lanyard_take(${arrayOf(lockNamesOf(plan.keys), 'text')}, ${countArgs(plan.scope, at)},
      ${JSON.stringify(boundsJson(plan.bounds))}::jsonb) AS answer`,
  );
  if (!row) throw new Error('lanyard_take returned no row');
  const answer = takeAnswerShape.parse(row.answer);
  return {
    counts: countsOf(answer.counts),
    broken: answer.broken === null ? null : (plan.bounds[answer.broken] ?? null),
  };
}

/**
 * The lane of a consumption: its products (ticket types, add-ons), not its buyer, voucher or
 * conditions. Everything of one lane waits in this process, at most `inFlightPerKey` statements
 * of it at PostgreSQL, where they would only wait for the same product lock anyway.
 */
function laneOf(keys: readonly LockKey[]): string {
  const products = keys.filter((k) => k.kind === 'ticket_type' || k.kind === 'addon');
  return JSON.stringify(
    (products.length > 0 ? products : keys).map((k) => `${k.kind}:${k.id}`).sort(),
  );
}

/** What waits in a lane: a placement that may share a statement, or a transaction that runs alone. */
type LaneEntry =
  | { kind: 'place'; entry: BatchEntry; batchKey: string }
  | { kind: 'alone'; run: () => Promise<void> };

type LaneResult = PlacementOutcome | null;

async function runLane(
  db: Database,
  entries: readonly LaneEntry[],
  withLocks: boolean,
): Promise<LaneResult[]> {
  const [first] = entries;
  if (first?.kind === 'alone') {
    await first.run();
    return [null];
  }
  const placements = entries.flatMap((e) => (e.kind === 'place' ? [e.entry] : []));
  return placeBatch(db, placements, withLocks);
}

/** Two lane entries share a statement only as placements of one scope and different buyers. */
function apart(a: LaneEntry, b: LaneEntry): boolean {
  if (a.kind === 'alone' || b.kind === 'alone') return true;
  // The orders are written after the batch's checks, so one buyer's second could not see the first.
  return a.batchKey !== b.batchKey || a.entry.sent.buyer === b.entry.sent.buyer;
}

export function createConsumptionKernel(
  db: Database,
  options: KernelOptions = DEFAULT_KERNEL_OPTIONS,
): ConsumptionKernel {
  let locks = true;
  // ONE per-process device for both paths: entries of a lane wait in arrival order, at most
  // `inFlightPerKey` run at once, and placements that waited together leave as one statement.
  const submit = createBatcher<LaneEntry, LaneResult>(
    (_lane, entries) => runLane(db, entries, locks),
    {
      maxInFlight: options.inFlightPerKey,
      maxSize: Math.max(options.batchSize, 1),
      conflict: apart,
    },
  );
  // Measuring only (CHECKOUT_LOCAL_QUEUE=false): every lane entry gets a lane of its own.
  const laneFor = (keys: readonly LockKey[]) =>
    options.localQueue ? laneOf(keys) : `${laneOf(keys)}:${Math.random()}`;

  return {
    take(tx, plan, at) {
      return takeInTransaction(tx, locks ? plan : { ...plan, keys: [], bounds: [] }, at);
    },
    async place(placement) {
      const entry = batchEntryOf(placement, locks);
      const outcome = await submit(laneFor(placement.plan.keys), {
        kind: 'place',
        entry,
        batchKey: batchKeyOf(entry),
      });
      if (!outcome) throw new Error('a placement answered nothing');
      return outcome;
    },
    async inTurn(keys, work) {
      // The negative control queues nothing: racing checkouts meet only at the database.
      if (!locks) return work();
      let result: { value: Awaited<ReturnType<typeof work>> } | undefined;
      await submit(laneFor(keys), {
        kind: 'alone',
        run: async () => {
          result = { value: await work() };
        },
      });
      if (!result) throw new Error('a queued transaction did not run');
      return result.value;
    },
    setApplicationLocks(enabled, nodeEnv) {
      if (!enabled && nodeEnv !== 'test')
        throw new Error('application locks can only be disabled in tests');
      locks = enabled;
    },
  };
}

/** Counts keep moving past their bounds (limited conditions in a rush): let the buyer retry. */
const MAX_DECISIONS = 3;

/** One round of a consumption: done, or a count moved past its bound (decide again with it). */
export type Attempt<R> = { done: R } | { stale: CartCounts };

/**
 * The decide-again loop, once for every consumption. Decide with what needs no count (`null` the
 * first time), turn the decision into a plan and run it; when a fresh count has moved past a
 * bound, decide again with those counts: a rule that now refuses throws its own error from
 * `decide`, a decision that still holds gets new bounds.
 */
export async function decideAndConsume<D, R>(
  decide: (counts: CartCounts | null) => D,
  attempt: (decision: D) => Promise<Attempt<R>>,
): Promise<R> {
  let counts: CartCounts | null = null;
  for (let round = 0; round < MAX_DECISIONS; round += 1) {
    const result = await attempt(decide(counts));
    if ('done' in result) return result.done;
    counts = result.stale;
  }
  throw commonErrors('BUSY');
}
