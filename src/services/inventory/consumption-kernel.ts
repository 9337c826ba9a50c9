import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { assertInTransaction, lockNamesOf, type LockKey } from '../../db/locks.ts';
import { queryRows } from '../../db/raw.ts';
import type { CountBound } from '../../domain/stock-rules.ts';
import { commonErrors } from '../common/errors.ts';
import { createBatcher } from './batches.ts';
import type { ConsumptionPlan } from './consumption-plan.ts';
import { arrayOf, countArgs, countsOf, type CartCounts } from './count-for-cart.ts';
import { createLocalQueue, type LocalQueue } from './local-queue.ts';
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
 * capacity. It holds the only concurrency state of the application: the per-key queue in front
 * of the advisory locks, the batcher, and the negative-control switch. Why each exists, with the
 * bench/rush numbers: docs/decisions/concurrency.md.
 */
export interface KernelOptions {
  /** Most consumptions of one scope placed by one statement; 1 places each alone. */
  batchSize: number;
  /** Statements per product key at PostgreSQL at once from this process (batcher and queue). */
  inFlightPerKey: number;
  /** The per-key queue in front of the advisory locks (off only to measure what it is worth). */
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
  /** Runs `work` (a transaction that takes `keys`) in its turn in the per-key queue. */
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

/** The queue keys of a plan's locks: its products, not its buyer (one buyer rarely races). */
function queueKeysOf(keys: readonly LockKey[]): string[] {
  return keys.filter((k) => k.kind !== 'buyer').map((k) => `${k.kind}:${k.id}`);
}

const unqueued: LocalQueue = (_keys, work) => work();

export function createConsumptionKernel(
  db: Database,
  options: KernelOptions = DEFAULT_KERNEL_OPTIONS,
): ConsumptionKernel {
  let locks = true;
  const queue = options.localQueue ? createLocalQueue(options.inFlightPerKey) : unqueued;
  const queued: LocalQueue = (keys, work) => (locks ? queue(keys, work) : work());
  const submit = createBatcher<BatchEntry, PlacementOutcome>(
    (_key, entries) =>
      queued(queueKeysOf(entries[0]?.plan.keys ?? []), () => placeBatch(db, entries, locks)),
    {
      // As the queue: the next batch waits at PostgreSQL for the lock, not in this process.
      maxInFlight: options.inFlightPerKey,
      maxSize: Math.max(options.batchSize, 1),
      // The orders are written after the batch's checks, so one buyer's second could not see the first.
      conflict: (a, b) => a.sent.buyer === b.sent.buyer,
    },
  );

  return {
    take(tx, plan, at) {
      return takeInTransaction(tx, locks ? plan : { ...plan, keys: [], bounds: [] }, at);
    },
    place(placement) {
      const entry = batchEntryOf(placement, locks);
      return submit(batchKeyOf(entry, queueKeysOf(placement.plan.keys)), entry);
    },
    inTurn(keys, work) {
      return queued(queueKeysOf(keys), work);
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
