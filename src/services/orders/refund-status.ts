import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { refunds, type NewRefund, type Refund } from '../../db/schema/index.ts';
import {
  assertInitial,
  assertTransition,
  refundStates,
  type RefundStatus,
} from '../../domain/states/index.ts';

/**
 * Refunds' one owner (issue 15.3): every module that records or settles a refund calls here, so
 * each status is checked against the declared machine in one place.
 */

/**
 * A new refund in an initial status (`pending` for the card, `succeeded` for credit). With
 * `onKeyTaken: 'skip'` a refund already recorded under the same order and key inserts nothing
 * and resolves undefined (an automatic or Stripe-side refund seen twice, D4.11).
 */
export async function insertRefund(
  tx: Database,
  values: NewRefund,
  options: { onKeyTaken: 'skip' | 'throw' } = { onKeyTaken: 'throw' },
): Promise<Refund | undefined> {
  assertInitial(refundStates, values.status ?? 'pending');
  const insert = tx.insert(refunds).values(values);
  const [refund] = await (options.onKeyTaken === 'skip'
    ? insert.onConflictDoNothing().returning()
    : insert.returning());
  return refund;
}

export interface RefundMove {
  from: readonly RefundStatus[];
  to: RefundStatus;
  set?: Omit<Partial<NewRefund>, 'id' | 'status' | 'updatedAt'>;
  now: Date;
}

/** Moves one refund if it is in a `from` status (a guard: only one event may settle it). */
export async function transitionRefund(
  tx: Database,
  refundId: string,
  move: RefundMove,
): Promise<Refund | undefined> {
  for (const from of move.from) assertTransition(refundStates, from, move.to);
  if (move.from.length === 0) return undefined;
  const [refund] = await tx
    .update(refunds)
    .set({ ...move.set, status: move.to, updatedAt: move.now })
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, [...move.from])))
    .returning();
  return refund;
}
