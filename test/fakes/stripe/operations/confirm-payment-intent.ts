import { cardError, invalidRequest, unexpectedState } from '../errors.ts';
import { recordEvent } from '../events/record.ts';
import { newId } from '../ids.ts';
import { renderCharge } from '../objects/render.ts';
import {
  getChargeOrThrow,
  getPaymentIntentOrThrow,
  getPaymentMethodOrThrow,
  type OperationContext,
} from '../store.ts';
import { AUTHENTICATION_FAILURE, type Decline } from '../test-cards.ts';
import type { FakePaymentIntent, FakePaymentMethod } from '../types.ts';
import { createCharge } from './charges.ts';
import { UNPAID_STATUSES } from './payment-intents.ts';
import { resolvePaymentMethod, type PaymentMethodSource } from './payment-methods.ts';

function assertConfirmable(intent: FakePaymentIntent): void {
  if (intent.status === 'succeeded') {
    throw unexpectedState(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
  }
  if (!UNPAID_STATUSES.includes(intent.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${UNPAID_STATUSES.join(', ')}.`,
    );
  }
}

function settlePayment(
  ctx: OperationContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
) {
  const charge = createCharge(ctx, intent, method, { kind: 'authorized' });
  intent.payment_method = method.id;
  intent.latest_charge = charge.id;
  intent.last_payment_error = null;
  intent.next_action = null;
  if (intent.capture_method === 'manual') {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
    recordEvent(ctx, 'charge.succeeded', renderCharge(charge));
    recordEvent(ctx, 'payment_intent.amount_capturable_updated', intent);
  } else {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    recordEvent(ctx, 'charge.succeeded', renderCharge(charge));
    recordEvent(ctx, 'payment_intent.succeeded', intent);
  }
  return intent;
}

function declinePayment(
  ctx: OperationContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  decline: Decline,
) {
  const charge = createCharge(ctx, intent, method, { kind: 'declined', decline });
  intent.status = 'requires_payment_method';
  intent.payment_method = null;
  intent.latest_charge = charge.id;
  intent.next_action = null;
  intent.last_payment_error = {
    type: 'card_error',
    code: decline.code,
    ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
    message: decline.message,
    doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, '-')}`,
    charge: charge.id,
    payment_method: structuredClone(method),
    payment_method_type: 'card',
  };
  recordEvent(ctx, 'charge.failed', renderCharge(charge));
  recordEvent(ctx, 'payment_intent.payment_failed', intent);
  return charge;
}

/** A failed 3-D Secure challenge: no charge is attempted. */
function failAuthentication(
  ctx: OperationContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  message: string,
) {
  intent.status = 'requires_payment_method';
  intent.payment_method = null;
  intent.next_action = null;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code: AUTHENTICATION_FAILURE.code,
    message,
    doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
    payment_method: structuredClone(method),
    payment_method_type: 'card',
  };
  recordEvent(ctx, 'payment_intent.payment_failed', intent);
  return intent;
}

function requireAuthentication(
  ctx: OperationContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
) {
  intent.status = 'requires_action';
  intent.payment_method = method.id;
  intent.next_action = {
    type: 'use_stripe_sdk',
    use_stripe_sdk: { type: 'three_d_secure_redirect' },
  };
  recordEvent(ctx, 'payment_intent.requires_action', intent);
  return intent;
}

export interface ConfirmInput {
  paymentMethod: PaymentMethodSource | null;
  receiptEmail?: string | null;
}

/**
 * Charges the payment method the way its test card says. A decline is saved (intent, failed
 * charge, events) before the 402 is thrown, as Stripe does.
 */
export function confirmPaymentIntent(
  ctx: OperationContext,
  id: string,
  input: ConfirmInput,
): FakePaymentIntent {
  const { store } = ctx.account;
  const intent = getPaymentIntentOrThrow(store, id, { param: 'intent' });
  assertConfirmable(intent);
  const source: PaymentMethodSource | null =
    input.paymentMethod ??
    (intent.payment_method ? { kind: 'id', id: intent.payment_method } : null);
  if (!source) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      'payment_method',
    );
  }
  const method = resolvePaymentMethod(ctx, source);
  if (input.receiptEmail !== undefined) intent.receipt_email = input.receiptEmail;
  const outcome = store.cardOutcomes.get(method.id) ?? { kind: 'approve' };
  if (outcome.kind === 'approve') return settlePayment(ctx, intent, method);
  if (outcome.kind === 'authenticate') return requireAuthentication(ctx, intent, method);
  const charge = declinePayment(ctx, intent, method, outcome.decline);
  throw cardError({
    code: outcome.decline.code,
    declineCode: outcome.decline.declineCode,
    message: outcome.decline.message,
    charge: charge.id,
    paymentIntent: structuredClone(intent),
    paymentMethod: structuredClone(method),
  });
}

/** As if the buyer completed payment in the browser, whatever card the intent holds. */
export function completePaymentIntent(ctx: OperationContext, id: string): FakePaymentIntent {
  const { store } = ctx.account;
  const intent = getPaymentIntentOrThrow(store, id, { param: 'intent' });
  assertConfirmable(intent);
  const method = intent.payment_method
    ? getPaymentMethodOrThrow(store, intent.payment_method, { param: 'payment_method' })
    : resolvePaymentMethod(ctx, { kind: 'id', id: 'pm_card_visa' });
  return settlePayment(ctx, intent, method);
}

/** As if the buyer's payment failed in the browser: a declined card, or a failed 3-D Secure challenge. */
export function failPaymentIntent(
  ctx: OperationContext,
  id: string,
  decline: Decline,
): FakePaymentIntent {
  const { store } = ctx.account;
  const intent = getPaymentIntentOrThrow(store, id, { param: 'intent' });
  assertConfirmable(intent);
  if (intent.status === 'requires_action' && intent.payment_method) {
    const method = getPaymentMethodOrThrow(store, intent.payment_method, {
      param: 'payment_method',
    });
    return failAuthentication(ctx, intent, method, decline.message);
  }
  const method = intent.payment_method
    ? getPaymentMethodOrThrow(store, intent.payment_method, { param: 'payment_method' })
    : resolvePaymentMethod(ctx, { kind: 'id', id: 'pm_card_chargeDeclined' });
  declinePayment(ctx, intent, method, decline);
  return intent;
}

export function capturePaymentIntent(
  ctx: OperationContext,
  id: string,
  amountToCapture: number | undefined,
): FakePaymentIntent {
  const { store } = ctx.account;
  const intent = getPaymentIntentOrThrow(store, id, { param: 'intent' });
  if (intent.status !== 'requires_capture' || !intent.latest_charge) {
    throw unexpectedState(
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const amount = amountToCapture ?? intent.amount_capturable;
  if (amount > intent.amount_capturable) {
    throw invalidRequest(
      `The amount to capture (${amount}) is greater than the amount capturable (${intent.amount_capturable}).`,
      { code: 'amount_too_large', param: 'amount_to_capture' },
    );
  }
  const charge = getChargeOrThrow(store, intent.latest_charge, { param: 'charge' });
  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = newId('txn');
  intent.status = 'succeeded';
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  recordEvent(ctx, 'charge.captured', renderCharge(charge));
  recordEvent(ctx, 'payment_intent.succeeded', intent);
  return intent;
}
