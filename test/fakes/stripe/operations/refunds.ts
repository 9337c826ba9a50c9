import { formatMinorUnits } from '../currencies.ts';
import { invalidRequest, missingParam } from '../errors.ts';
import { recordEvent } from '../events/record.ts';
import { newId } from '../ids.ts';
import { renderCharge } from '../objects/render.ts';
import {
  getChargeOrThrow,
  getPaymentIntentOrThrow,
  getRefundOrThrow,
  type AccountStore,
  type OperationContext,
} from '../store.ts';
import type { FakeRefund, Metadata, StoredCharge } from '../types.ts';

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface CreateRefundInput {
  paymentIntent?: string;
  charge?: string;
  amount?: number;
  reason: RefundReason | null;
  metadata: Metadata;
  /** A card refund the bank has not confirmed yet (dashboard refunds in tests). */
  pending?: boolean;
}

function chargeToRefund(store: AccountStore, input: CreateRefundInput): StoredCharge {
  if (input.charge) {
    const charge = getChargeOrThrow(store, input.charge, { param: 'charge', status: 400 });
    if (input.paymentIntent && charge.payment_intent !== input.paymentIntent) {
      throw invalidRequest(
        `The charge ${charge.id} does not belong to the PaymentIntent ${input.paymentIntent}.`,
        { param: 'charge' },
      );
    }
    return charge;
  }
  if (!input.paymentIntent) throw missingParam('payment_intent');
  const intent = getPaymentIntentOrThrow(store, input.paymentIntent, {
    param: 'payment_intent',
    status: 400,
  });
  const charge = intent.latest_charge ? store.charges.get(intent.latest_charge) : undefined;
  if (intent.status !== 'succeeded' || !charge) {
    throw invalidRequest(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      { code: 'charge_not_refundable', param: 'payment_intent' },
    );
  }
  return charge;
}

function hasOpenOrLostDispute(store: AccountStore, chargeId: string): boolean {
  return [...store.disputes.values()].some((d) => d.charge === chargeId && d.status !== 'won');
}

function assertRefundable(store: AccountStore, charge: StoredCharge, amount: number): void {
  if (charge.status !== 'succeeded' || !charge.captured) {
    throw invalidRequest(`Charge ${charge.id} has not been captured and cannot be refunded.`, {
      code: 'charge_not_refundable',
    });
  }
  if (hasOpenOrLostDispute(store, charge.id)) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: 'charge_disputed',
    });
  }
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  }
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatMinorUnits(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMinorUnits(remaining, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
}

/** Refunds through the API and from the dashboard both land here; the default is what is left. */
export function createRefund(ctx: OperationContext, input: CreateRefundInput): FakeRefund {
  const { store } = ctx.account;
  const charge = chargeToRefund(store, input);
  const amount = input.amount ?? charge.amount_captured - charge.amount_refunded;
  assertRefundable(store, charge, amount);

  const refund: FakeRefund = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: ctx.account.clock.nowSeconds(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    metadata: input.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: input.pending ? 'pending' : 'succeeded',
    transfer_reversal: null,
  };
  store.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  recordEvent(ctx, 'refund.created', refund);
  recordEvent(ctx, 'charge.refunded', renderCharge(charge));
  return refund;
}

/**
 * The bank's answer to a pending refund: `refund.updated` and `charge.refund.updated` follow; a
 * failed refund gives its amount back to the charge.
 */
export function settleRefund(
  ctx: OperationContext,
  refundId: string,
  outcome: 'succeeded' | 'failed',
): FakeRefund {
  const { store } = ctx.account;
  const refund = getRefundOrThrow(store, refundId, { param: 'id' });
  if (refund.status !== 'pending') {
    throw invalidRequest(`Refund ${refund.id} is ${refund.status}, not pending.`);
  }
  refund.status = outcome;
  if (outcome === 'failed') {
    refund.failure_reason = 'expired_or_canceled_card';
    const charge = getChargeOrThrow(store, refund.charge, { param: 'charge', status: 400 });
    charge.amount_refunded -= refund.amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
  }
  recordEvent(ctx, 'refund.updated', refund);
  recordEvent(ctx, 'charge.refund.updated', refund);
  return refund;
}
