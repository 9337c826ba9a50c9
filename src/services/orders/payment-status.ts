import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { payments, type NewPayment, type Payment } from '../../db/schema/index.ts';
import {
  assertInitial,
  assertTransition,
  paymentStates,
  type PaymentStatus,
} from '../../domain/states/index.ts';

/**
 * Payments' one owner (issue 15.3): every module that records or moves a payment calls here, so
 * each status is checked against the declared machine in one place.
 */

/** A new payment row, in one of the machine's initial statuses (`pending` or `succeeded`). */
export async function insertPayment(tx: Database, values: NewPayment): Promise<Payment> {
  assertInitial(paymentStates, values.status ?? 'pending');
  const [payment] = await tx.insert(payments).values(values).returning();
  if (!payment) throw new Error('payment insert returned nothing');
  return payment;
}

/**
 * A card attempt keyed by its idempotency key; a concurrent start with the same key inserts
 * nothing (D4.2), and the caller reads the one row back.
 */
export async function insertPaymentAttempt(tx: Database, values: NewPayment): Promise<void> {
  assertInitial(paymentStates, values.status ?? 'pending');
  await tx.insert(payments).values(values).onConflictDoNothing();
}

/** Which payments a move applies to. */
export type PaymentSelector =
  | { paymentId: string }
  | { intentId: string }
  | { orderIds: readonly string[]; method: Payment['method'] };

function selected(which: PaymentSelector): SQL | undefined {
  if ('paymentId' in which) return eq(payments.id, which.paymentId);
  if ('intentId' in which) return eq(payments.stripePaymentIntentId, which.intentId);
  return and(inArray(payments.orderId, [...which.orderIds]), eq(payments.method, which.method));
}

export interface PaymentMove {
  /** The statuses a payment may be in to move; any other is left alone (a guard, D4.7). */
  from: readonly PaymentStatus[];
  to: PaymentStatus;
  set?: Omit<Partial<NewPayment>, 'id' | 'status' | 'updatedAt'>;
  now: Date;
}

/** Moves the selected payments that are in a `from` status; returns the rows that moved. */
export async function transitionPayments(
  tx: Database,
  which: PaymentSelector,
  move: PaymentMove,
): Promise<Payment[]> {
  for (const from of move.from) assertTransition(paymentStates, from, move.to);
  if (move.from.length === 0) return [];
  if ('orderIds' in which && which.orderIds.length === 0) return [];
  return tx
    .update(payments)
    .set({ ...move.set, status: move.to, updatedAt: move.now })
    .where(and(selected(which), inArray(payments.status, [...move.from])))
    .returning();
}
