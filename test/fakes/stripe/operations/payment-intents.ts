import { assertChargeableAmount } from '../currencies.ts';
import { invalidRequest, unexpectedState } from '../errors.ts';
import { recordEvent } from '../events/record.ts';
import { newId, randomToken } from '../ids.ts';
import { applyMetadata, type MetadataUpdate } from '../params.ts';
import {
  getChargeOrThrow,
  getCustomerOrThrow,
  getPaymentIntentOrThrow,
  type OperationContext,
} from '../store.ts';
import type { FakePaymentIntent, Metadata, PaymentIntentStatus } from '../types.ts';
import { resolvePaymentMethod, type PaymentMethodSource } from './payment-methods.ts';

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';
export type CancellationReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'abandoned';

/** Statuses in which the buyer has not paid yet, so amount and method may still change. */
export const UNPAID_STATUSES: readonly PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
];

const CANCELABLE_STATUSES: readonly PaymentIntentStatus[] = [
  ...UNPAID_STATUSES,
  'requires_capture',
  'processing',
];

export interface CreatePaymentIntentInput {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  captureMethod: CaptureMethod;
  paymentMethodTypes: string[] | null;
  automaticPaymentMethods: { enabled: boolean; allow_redirects?: 'always' | 'never' } | null;
  receiptEmail: string | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  setupFutureUsage: 'on_session' | 'off_session' | null;
  transferGroup: string | null;
  paymentMethod: PaymentMethodSource | null;
}

export function createPaymentIntent(
  ctx: OperationContext,
  input: CreatePaymentIntentInput,
): FakePaymentIntent {
  const { store } = ctx.account;
  assertChargeableAmount(input.amount, input.currency);
  if (input.customer) getCustomerOrThrow(store, input.customer, { param: 'customer', status: 400 });
  if (input.paymentMethodTypes && input.automaticPaymentMethods) {
    throw invalidRequest(
      'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.',
      { param: 'automatic_payment_methods', validation: true },
    );
  }
  const method = input.paymentMethod && resolvePaymentMethod(ctx, input.paymentMethod);
  const id = newId('pi');
  const intent: FakePaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    // Since API version 2023-08-16 automatic payment methods are on unless types are listed.
    automatic_payment_methods: input.paymentMethodTypes
      ? null
      : (input.automaticPaymentMethods ?? { enabled: true, allow_redirects: 'always' }),
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod,
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: ctx.account.clock.nowSeconds(),
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: method ? method.id : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: input.paymentMethodTypes ?? ['card'],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: input.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor,
    statement_descriptor_suffix: input.statementDescriptorSuffix,
    status: method ? 'requires_confirmation' : 'requires_payment_method',
    transfer_group: input.transferGroup,
  };
  store.paymentIntents.set(id, intent);
  recordEvent(ctx, 'payment_intent.created', intent);
  return intent;
}

export interface UpdatePaymentIntentInput {
  amount?: number;
  currency?: string;
  customer?: string | null;
  description?: string | null;
  metadata?: MetadataUpdate;
  receiptEmail?: string | null;
  paymentMethodTypes?: string[];
  captureMethod?: CaptureMethod;
  paymentMethod?: PaymentMethodSource;
}

const FIELDS_FIXED_ONCE_PAID = {
  amount: 'amount',
  currency: 'currency',
  customer: 'customer',
  paymentMethodTypes: 'payment_method_types',
  captureMethod: 'capture_method',
  paymentMethod: 'payment_method',
} as const;

function assertUpdatable(intent: FakePaymentIntent, input: UpdatePaymentIntentInput): void {
  if (UNPAID_STATUSES.includes(intent.status)) return;
  for (const [field, param] of Object.entries(FIELDS_FIXED_ONCE_PAID)) {
    if (input[field as keyof typeof FIELDS_FIXED_ONCE_PAID] === undefined) continue;
    throw unexpectedState(
      `This PaymentIntent's ${param} could not be updated because it has a status of ${intent.status}. You may only update the ${param} of a PaymentIntent with one of the following statuses: ${UNPAID_STATUSES.join(', ')}.`,
      param,
    );
  }
}

/** Metadata and description may change at any time; money fields only before payment. */
export function updatePaymentIntent(
  ctx: OperationContext,
  id: string,
  input: UpdatePaymentIntentInput,
): FakePaymentIntent {
  const { store } = ctx.account;
  const intent = getPaymentIntentOrThrow(store, id, { param: 'intent' });
  assertUpdatable(intent, input);
  const currency = input.currency ?? intent.currency;
  const amount = input.amount ?? intent.amount;
  if (input.amount !== undefined || input.currency !== undefined)
    assertChargeableAmount(amount, currency);
  if (input.customer) getCustomerOrThrow(store, input.customer, { param: 'customer', status: 400 });
  const metadata = applyMetadata(intent.metadata, input.metadata);

  intent.amount = amount;
  intent.currency = currency;
  intent.metadata = metadata;
  if (input.customer !== undefined) intent.customer = input.customer;
  if (input.description !== undefined) intent.description = input.description;
  if (input.receiptEmail !== undefined) intent.receipt_email = input.receiptEmail;
  if (input.paymentMethodTypes !== undefined)
    intent.payment_method_types = input.paymentMethodTypes;
  if (input.captureMethod !== undefined) intent.capture_method = input.captureMethod;
  if (input.paymentMethod !== undefined) {
    intent.payment_method = resolvePaymentMethod(ctx, input.paymentMethod).id;
    intent.status = 'requires_confirmation';
  }
  return intent;
}

export function cancelPaymentIntent(
  ctx: OperationContext,
  id: string,
  reason: CancellationReason | null,
): FakePaymentIntent {
  const { store } = ctx.account;
  const intent = getPaymentIntentOrThrow(store, id, { param: 'intent' });
  if (!CANCELABLE_STATUSES.includes(intent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE_STATUSES.join(', ')}.`,
    );
  }
  if (intent.status === 'requires_capture' && intent.latest_charge) {
    // Cancelling an authorisation releases the held funds; Stripe shows the charge as refunded.
    const charge = getChargeOrThrow(store, intent.latest_charge, { param: 'charge' });
    charge.amount_refunded = charge.amount;
    charge.refunded = true;
  }
  intent.status = 'canceled';
  intent.canceled_at = ctx.account.clock.nowSeconds();
  intent.cancellation_reason = reason;
  intent.amount_capturable = 0;
  intent.next_action = null;
  recordEvent(ctx, 'payment_intent.canceled', intent);
  return intent;
}
