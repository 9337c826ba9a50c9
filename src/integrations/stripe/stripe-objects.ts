import type Stripe from 'stripe';
import type {
  CardIntent,
  CardIntentStatus,
  ChargeRefunded,
  Dispute,
  GatewayRefund,
  GatewayRefundStatus,
} from '../payments/index.ts';
import { stripeIdOf } from './client.ts';

/** Stripe's PaymentIntent states in Lanyard's words. */
const INTENT_STATUS: Record<Stripe.PaymentIntent.Status, CardIntentStatus> = {
  requires_payment_method: 'awaiting_payment',
  requires_confirmation: 'awaiting_payment',
  requires_action: 'requires_action',
  processing: 'processing',
  requires_capture: 'authorised',
  canceled: 'cancelled',
  succeeded: 'succeeded',
};

export function cardIntentOf(intent: Stripe.PaymentIntent): CardIntent {
  const failure = intent.last_payment_error;
  return {
    id: intent.id,
    status: INTENT_STATUS[intent.status] ?? 'awaiting_payment',
    amount: intent.amount,
    amountReceived: intent.amount_received,
    currency: intent.currency.toUpperCase(),
    clientSecret: intent.client_secret,
    orderId: intent.metadata?.['order_id'] ?? null,
    chargeId: stripeIdOf(intent.latest_charge),
    lastFailure: failure
      ? {
          message: failure.message ?? null,
          attempt: stripeIdOf(failure.charge) ?? failure.code ?? '',
        }
      : null,
  };
}

/** Stripe's refund states onto ours: `pending` and `requires_action` keep waiting. */
export function refundStatusOf(status: string | null): GatewayRefundStatus {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

export function gatewayRefundOf(refund: Stripe.Refund): GatewayRefund {
  return {
    id: refund.id,
    intentId: stripeIdOf(refund.payment_intent),
    amount: refund.amount,
    status: refundStatusOf(refund.status),
    failureReason: refund.failure_reason ?? '',
    lanyardRefundId: refund.metadata?.['lanyard_refund_id'] ?? null,
  };
}

export function chargeRefundedOf(charge: Stripe.Charge): ChargeRefunded {
  return {
    chargeId: charge.id,
    intentId: stripeIdOf(charge.payment_intent),
    paid: charge.paid,
    amount: charge.amount_captured || charge.amount,
    currency: charge.currency.toUpperCase(),
  };
}

export function disputeOf(dispute: Stripe.Dispute): Dispute {
  return {
    id: dispute.id,
    intentId: stripeIdOf(dispute.payment_intent),
    chargeId: stripeIdOf(dispute.charge),
    reason: dispute.reason,
    amount: dispute.amount,
    status: dispute.status,
  };
}
