import type { OrderStatus } from './states/index.ts';

/**
 * Pure rules for where an order stands once money moves (D2.6, D4.4, D4.6). Amounts are integer
 * minor units; "paid" is the sum of succeeded payments, "refunded" the sum of succeeded refunds.
 */

export type { OrderStatus };

/** What a newly succeeded payment does to its order. */
export type Settlement =
  /** The payments now cover the total: the single paid transition runs. */
  | { kind: 'mark_paid'; overpaidBy: number }
  /** Part of the total arrived; the order keeps waiting (PAY-7). */
  | { kind: 'partially_paid'; due: number }
  /** Money for a lapsed order: take its stock again, or refund (D2.6). */
  | { kind: 'revive' }
  /** Money for an order the buyer cancelled: it goes back, the order stays cancelled (D4.10). */
  | { kind: 'refund_to_buyer' }
  /** The order was already paid: the extra money is recorded and flagged, not lost. */
  | { kind: 'overpaid'; overpaidBy: number };

export interface SettlementFacts {
  status: OrderStatus;
  /** Why a cancelled order was cancelled; null when pending, or cancelled before reasons were kept. */
  cancelReason: 'buyer' | 'hold_expired' | null;
  /** Null for orders that never held stock (desk orders). */
  holdExpiresAt: Date | null;
  total: number;
  paid: number;
  now: Date;
}

export function settleAfterPayment(facts: SettlementFacts): Settlement {
  const { status, holdExpiresAt, total, paid, now } = facts;
  // Revival is for lapsed holds only; a buyer who cancelled is never charged (D2.6, D4.10).
  if (status === 'cancelled' && facts.cancelReason === 'buyer') return { kind: 'refund_to_buyer' };
  const lapsed = status === 'pending' && holdExpiresAt !== null && holdExpiresAt <= now;
  if (status === 'cancelled' || lapsed) return { kind: 'revive' };
  if (status === 'pending') {
    return paid >= total
      ? { kind: 'mark_paid', overpaidBy: paid - total }
      : { kind: 'partially_paid', due: total - paid };
  }
  return { kind: 'overpaid', overpaidBy: Math.max(0, paid - total) };
}

const REFUND_RANK: Partial<Record<OrderStatus, number>> = {
  paid: 0,
  partially_refunded: 1,
  refunded: 2,
};

/**
 * D4.6: status follows cumulative refunded vs paid money and never moves backwards, so a late or
 * out-of-order refund event cannot turn REFUNDED back into PARTIALLY_REFUNDED (payments W-5).
 */
export function statusAfterRefunds(
  current: OrderStatus,
  paid: number,
  refunded: number,
): OrderStatus {
  const currentRank = REFUND_RANK[current];
  if (currentRank === undefined || refunded <= 0) return current;
  const computed: OrderStatus = refunded >= paid ? 'refunded' : 'partially_refunded';
  return (REFUND_RANK[computed] ?? 0) > currentRank ? computed : current;
}

/** What can still go back to the buyer: money received less what was already refunded. */
export function refundableAmount(paid: number, refunded: number): number {
  return Math.max(0, paid - refunded);
}

/**
 * D4.6: the money for cancelling `cancelling` more units of a line, when `cancelled` already
 * were. Shares are floored cumulatively, so cancelling every unit returns the line total exactly.
 */
export function lineRefundAmount(
  line: { lineTotal: number; quantity: number },
  cancelled: number,
  cancelling: number,
): number {
  const upTo = (units: number) => Math.floor((line.lineTotal * units) / line.quantity);
  return upTo(cancelled + cancelling) - upTo(cancelled);
}
