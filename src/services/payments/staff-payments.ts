import type { Database } from '../../db/client.ts';
import type { Conference, Order } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { applyCreditsToOrder } from '../credits/index.ts';
import { lockForConsumption } from '../../db/locks.ts';
import { recordAudit, type Actor } from '../access/index.ts';
import {
  insertPayment,
  loadMoneyFacts,
  lockBuyerOrderOrThrow,
  lockOrder,
  orderErrors,
} from '../orders/index.ts';
import { paymentErrors } from './errors.ts';
import { settlePayment, type SettleOutcome } from './settle-payment.ts';

export interface StaffPaymentInput {
  conference: Conference;
  reference: string;
  /** `manual`: money received outside Lanyard (cash, wire); `comp`: the organiser waives the rest. */
  method: 'manual' | 'comp';
  /** Minor units; for `comp` the remaining balance is always used. */
  amount?: number | undefined;
  externalReference: string;
  note: string;
  /** Who records it; audited with the payment, in its transaction (D6.4). */
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/**
 * PAY-6 / PAY-5 for staff: record money that reached the organiser another way. Partial amounts
 * leave the order pending (PAY-7); an overpayment is recorded and flagged, not refused or lost.
 * The audit entry commits with the payment or not at all (D6.4).
 */
export async function recordStaffPayment(
  db: Database,
  input: StaffPaymentInput,
): Promise<{ order: Order; outcome: SettleOutcome }> {
  return withTx(db, async (tx) => {
    const order = await lockOrder(tx, {
      reference: normaliseCode(input.reference),
      conferenceId: input.conference.id,
    });
    if (!order) throw orderErrors('ORDER_NOT_FOUND', { reference: input.reference });
    if (order.status !== 'pending' && order.status !== 'cancelled')
      throw paymentErrors('ORDER_NOT_PAYABLE', { status: order.status });
    const { paid } = await loadMoneyFacts(tx, order.id);
    const amount = input.method === 'comp' ? Math.max(0, order.total - paid) : (input.amount ?? 0);
    if (input.method === 'manual' && (!Number.isSafeInteger(amount) || amount <= 0))
      throw paymentErrors('AMOUNT_INVALID', { amount });
    await insertPayment(tx, {
      orderId: order.id,
      conferenceId: order.conferenceId,
      method: input.method,
      status: 'succeeded',
      amount,
      currency: order.currency,
      reference: input.externalReference,
      note: input.note,
      createdBy: input.actor.kind === 'user' ? input.actor.userId : null,
      createdAt: input.now,
      updatedAt: input.now,
    });
    const outcome = await settlePayment(tx, order, input.now);
    const current =
      outcome.kind === 'paid' ? outcome.order : ((await lockOrder(tx, { id: order.id })) ?? order);
    await recordAudit(tx, {
      conferenceId: order.conferenceId,
      actor: input.actor,
      action: `payment.${input.method}`,
      entityType: 'order',
      entityId: current.reference,
      details: {
        amount: input.method === 'manual' ? (input.amount ?? null) : null,
        outcome: outcome.kind,
      },
      ip: input.ip,
      now: input.now,
    });
    return { order: current, outcome };
  });
}

/** CRD-1 for the buyer: spend store credit on a pending order after checkout (D4.8). */
export async function payWithCredit(
  db: Database,
  input: { buyerId: string; conference: Conference; reference: string; now: Date },
): Promise<Order> {
  return withTx(db, async (tx) => {
    // The buyer's scope guards their balance, as at checkout (inventory/consumption-plan.ts).
    await lockForConsumption(tx, [
      { kind: 'buyer', id: `${input.conference.id}:${input.buyerId}` },
    ]);
    const order = await lockBuyerOrderOrThrow(tx, {
      buyerId: input.buyerId,
      conferenceId: input.conference.id,
      reference: input.reference,
    });
    if (order.status !== 'pending')
      throw paymentErrors('ORDER_NOT_PAYABLE', { status: order.status });
    if (order.holdExpiresAt && order.holdExpiresAt <= input.now)
      throw paymentErrors('HOLD_EXPIRED');
    const applied = await applyCreditsToOrder(tx, order, input.now);
    if (applied.applied === 0) throw paymentErrors('NO_CREDIT_AVAILABLE');
    return applied.order;
  });
}
