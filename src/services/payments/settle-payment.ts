import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { lockForConsumption, type LockKey } from '../../db/locks.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { conferences, orderLines, orders, type Order } from '../../db/schema/index.ts';
import { addMinutes } from '../../domain/dates.ts';
import { settleAfterPayment } from '../../domain/order-money.ts';
import { markOrderPaid } from '../orders/index.ts';
import { flagOrder, loadMoneyFacts } from './money-facts.ts';

export type SettleOutcome =
  | { kind: 'paid'; order: Order }
  | { kind: 'partially_paid'; due: number }
  | { kind: 'overpaid'; overpaidBy: number }
  /** D2.6: the order could not take its stock again; the money must go back. */
  | { kind: 'refund_required'; reason: string };

/** D2.2 applies to a revival too: every resource the order's lines consume, locked before counting. */
async function revivalKeys(tx: Database, order: Order): Promise<LockKey[]> {
  const lines = await tx
    .select({ ticketTypeId: orderLines.ticketTypeId, addonId: orderLines.addonId })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  const keys: LockKey[] = [];
  for (const line of lines) {
    if (line.ticketTypeId) keys.push({ kind: 'ticket_type', id: line.ticketTypeId });
    if (line.addonId) keys.push({ kind: 'addon', id: line.addonId });
  }
  if (lines.some((l) => l.ticketTypeId)) {
    keys.push({ kind: 'conference', id: order.conferenceId });
    keys.push({ kind: 'buyer', id: `${order.conferenceId}:${order.userId}` });
  }
  return keys;
}

/**
 * D2.6: money arrived for an expired or cancelled order. Under the consumption locks the order
 * goes back to a live hold, which the D2.3 fence refuses if the stock is gone meanwhile; the
 * savepoint keeps the surrounding transaction (and the payment row) alive either way.
 */
async function revive(tx: Database, order: Order, now: Date): Promise<Order | null> {
  await lockForConsumption(tx, await revivalKeys(tx, order));
  const [conference] = await tx
    .select({ holdMinutes: conferences.holdMinutes })
    .from(conferences)
    .where(eq(conferences.id, order.conferenceId));
  try {
    return await tx.transaction(async (savepoint) => {
      const [revived] = await savepoint
        .update(orders)
        .set({
          status: 'pending',
          holdExpiresAt: addMinutes(now, conference?.holdMinutes ?? 15),
          cancelledAt: null,
          updatedAt: now,
        })
        .where(eq(orders.id, order.id))
        .returning();
      return revived ?? null;
    });
  } catch (error) {
    if (isPgError(error, SQLSTATE.capacityExceeded)) return null;
    throw error;
  }
}

/**
 * After a payment row became succeeded (any method): pay the order when covered (D4.4, the one
 * paid transition), keep waiting when partial (PAY-7), revive a lapsed order or ask for a refund
 * (D2.6), and record overpayment for staff instead of losing it. The caller holds the order lock.
 */
export async function settlePayment(tx: Database, order: Order, now: Date): Promise<SettleOutcome> {
  let current = order;
  let { paid } = await loadMoneyFacts(tx, order.id);
  let settlement = settleAfterPayment({ ...current, paid, now });
  if (settlement.kind === 'revive') {
    const revived = await revive(tx, current, now);
    if (!revived) {
      const reason = `Payment arrived after order ${order.reference} lapsed and its items sold out; refunded automatically.`;
      await flagOrder(tx, order.id, reason, now);
      return { kind: 'refund_required', reason };
    }
    current = revived;
    ({ paid } = await loadMoneyFacts(tx, order.id));
    settlement = settleAfterPayment({ ...current, paid, now });
  }
  switch (settlement.kind) {
    case 'mark_paid': {
      const result = await markOrderPaid(tx, current.id, now);
      if (settlement.overpaidBy > 0)
        await flagOrder(tx, current.id, `Overpaid by ${settlement.overpaidBy} minor units.`, now);
      return { kind: 'paid', order: result.transitioned ? result.order : current };
    }
    case 'partially_paid':
      return { kind: 'partially_paid', due: settlement.due };
    case 'overpaid':
    case 'revive':
      await flagOrder(
        tx,
        current.id,
        `A further payment arrived for an order already ${current.status}.`,
        now,
      );
      return {
        kind: 'overpaid',
        overpaidBy: settlement.kind === 'overpaid' ? settlement.overpaidBy : 0,
      };
  }
}
