import type { Database } from '../../db/client.ts';
import type { Order } from '../../db/schema/index.ts';
import { settleAfterPayment } from '../../domain/order-money.ts';
import { cancelPendingOrders, flagOrder, loadMoneyFacts, markOrderPaid } from '../orders/index.ts';
import { reviveOrder } from './revive-order.ts';

export type SettleOutcome =
  | { kind: 'paid'; order: Order }
  | { kind: 'partially_paid'; due: number }
  | { kind: 'overpaid'; overpaidBy: number }
  /** D2.6 / D4.10: the order could not take its stock again, or the buyer cancelled it; the money must go back. */
  | { kind: 'refund_required'; reason: string };

/** Flags the order with why its money goes back; the caller records the refund (D2.6, D4.10). */
async function refundRequired(
  tx: Database,
  order: Order,
  reason: string,
  now: Date,
): Promise<SettleOutcome> {
  await flagOrder(tx, order.id, reason, now);
  return { kind: 'refund_required', reason };
}

/**
 * After a payment row became succeeded (any method): pay the order when covered (D4.4, the one
 * paid transition), keep waiting when partial (PAY-7), revive a lapsed order or ask for a refund
 * (D2.6), refund money for an order the buyer cancelled (D4.10), and record overpayment for
 * staff instead of losing it. The caller holds the order lock.
 */
export async function settlePayment(tx: Database, order: Order, now: Date): Promise<SettleOutcome> {
  let current = order;
  let { paid } = await loadMoneyFacts(tx, order.id);
  let settlement = settleAfterPayment({ ...current, paid, now });
  if (settlement.kind === 'refund_to_buyer') {
    const reason = `Payment arrived after the buyer cancelled order ${order.reference}; refunded automatically.`;
    return refundRequired(tx, order, reason, now);
  }
  if (settlement.kind === 'revive') {
    const revival = await reviveOrder(tx, current, now);
    if (revival.kind === 'refused') {
      // D2.6: the lapsed order ends here, whether or not the sweep reached it first, so it never
      // stays pending with its money going back.
      if (order.status === 'pending')
        await cancelPendingOrders(tx, [order.id], 'hold_expired', now);
      const reason = `Payment arrived after order ${order.reference} lapsed and ${revival.why}; refunded automatically.`;
      return refundRequired(tx, order, reason, now);
    }
    current = revival.order;
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
    case 'refund_to_buyer':
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
