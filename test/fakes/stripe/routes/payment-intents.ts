import { assertCurrency } from '../currencies.ts';
import { invalidParam, missingParam } from '../errors.ts';
import { expandFields } from '../objects/expand.ts';
import {
  capturePaymentIntent,
  confirmPaymentIntent,
} from '../operations/confirm-payment-intent.ts';
import {
  cancelPaymentIntent,
  createPaymentIntent,
  updatePaymentIntent,
  type CaptureMethod,
} from '../operations/payment-intents.ts';
import type { PaymentMethodSource } from '../operations/payment-methods.ts';
import {
  applyMetadata,
  assertKnownParams,
  expandList,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalMetadata,
  optionalNullableString,
  optionalObject,
  optionalPositiveInteger,
  optionalString,
  optionalStringList,
  requiredInteger,
  requiredString,
  type Params,
} from '../params.ts';
import { getPaymentIntentOrThrow } from '../store.ts';
import type { FakePaymentIntent } from '../types.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

const CAPTURE_METHODS: readonly CaptureMethod[] = ['automatic', 'automatic_async', 'manual'];

const CREATE_PARAMS = [
  'amount',
  'currency',
  'customer',
  'description',
  'metadata',
  'capture_method',
  'payment_method_types',
  'automatic_payment_methods',
  'receipt_email',
  'payment_method',
  'payment_method_data',
  'confirm',
  'return_url',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'setup_future_usage',
  'transfer_group',
  'payment_method_options',
  'off_session',
  'expand',
];
const UPDATE_PARAMS = [
  'amount',
  'currency',
  'customer',
  'description',
  'metadata',
  'receipt_email',
  'payment_method_types',
  'capture_method',
  'payment_method',
  'payment_method_data',
  'expand',
];
const CONFIRM_PARAMS = [
  'payment_method',
  'payment_method_data',
  'receipt_email',
  'return_url',
  'off_session',
  'mandate_data',
  'payment_method_options',
  'error_on_requires_action',
  'use_stripe_sdk',
  'setup_future_usage',
  'client_secret',
  'expand',
];

function readPaymentMethodSource(params: Params): PaymentMethodSource | null {
  const id = optionalString(params, 'payment_method');
  if (id) return { kind: 'id', id };
  const data = optionalObject(params, 'payment_method_data');
  if (!data) return null;
  const card = optionalObject(data, 'card');
  if (!card) throw missingParam('payment_method_data[card]');
  const expMonth = optionalInteger(card, 'exp_month', 'payment_method_data[card][exp_month]');
  const expYear = optionalInteger(card, 'exp_year', 'payment_method_data[card][exp_year]');
  return {
    kind: 'card',
    number: requiredString(card, 'number', 'payment_method_data[card][number]'),
    ...(expMonth !== undefined ? { expMonth } : {}),
    ...(expYear !== undefined ? { expYear } : {}),
  };
}

function readAutomaticPaymentMethods(params: Params) {
  const value = optionalObject(params, 'automatic_payment_methods');
  if (!value) return null;
  assertKnownParams(value, ['enabled', 'allow_redirects'], 'automatic_payment_methods');
  const enabled = optionalBoolean(value, 'enabled', 'automatic_payment_methods[enabled]');
  if (enabled === undefined) throw missingParam('automatic_payment_methods[enabled]');
  const allowRedirects = optionalEnum(value, 'allow_redirects', ['always', 'never'] as const);
  return { enabled, ...(allowRedirects ? { allow_redirects: allowRedirects } : {}) };
}

function render(ctx: RouteContext, intent: FakePaymentIntent): object {
  return expandFields(ctx.account.store, intent, expandList(ctx.params));
}

function create(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, CREATE_PARAMS);
  const intent = createPaymentIntent(ctx, {
    amount: requiredInteger(params, 'amount'),
    currency: assertCurrency(requiredString(params, 'currency')),
    customer: optionalNullableString(params, 'customer') ?? null,
    description: optionalNullableString(params, 'description') ?? null,
    metadata: applyMetadata({}, optionalMetadata(params)),
    captureMethod: optionalEnum(params, 'capture_method', CAPTURE_METHODS) ?? 'automatic_async',
    paymentMethodTypes: optionalStringList(params, 'payment_method_types') ?? null,
    automaticPaymentMethods: readAutomaticPaymentMethods(params),
    receiptEmail: optionalNullableString(params, 'receipt_email') ?? null,
    statementDescriptor: optionalNullableString(params, 'statement_descriptor') ?? null,
    statementDescriptorSuffix:
      optionalNullableString(params, 'statement_descriptor_suffix') ?? null,
    setupFutureUsage:
      optionalEnum(params, 'setup_future_usage', ['on_session', 'off_session'] as const) ?? null,
    transferGroup: optionalNullableString(params, 'transfer_group') ?? null,
    paymentMethod: readPaymentMethodSource(params),
  });
  if (optionalBoolean(params, 'confirm') === true) {
    return render(ctx, confirmPaymentIntent(ctx, intent.id, { paymentMethod: null }));
  }
  return render(ctx, intent);
}

/** With a publishable key the client secret is the credential; with a secret key it is optional. */
function assertClientSecret(ctx: RouteContext, intent: FakePaymentIntent): void {
  const secret = optionalString(ctx.params, 'client_secret');
  if (secret === undefined) {
    if (ctx.keyKind === 'publishable') throw missingParam('client_secret');
    return;
  }
  if (secret !== intent.client_secret) {
    throw invalidParam(
      'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
      'client_secret',
      'payment_intent_invalid_parameter',
    );
  }
}

function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['client_secret', 'expand']);
  const intent = getPaymentIntentOrThrow(ctx.account.store, pathParam(ctx, 'id'), {
    param: 'intent',
  });
  assertClientSecret(ctx, intent);
  return render(ctx, intent);
}

function update(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, UPDATE_PARAMS);
  const amount = optionalInteger(params, 'amount');
  const currency = optionalString(params, 'currency');
  const customer = optionalNullableString(params, 'customer');
  const description = optionalNullableString(params, 'description');
  const metadata = optionalMetadata(params);
  const receiptEmail = optionalNullableString(params, 'receipt_email');
  const paymentMethodTypes = optionalStringList(params, 'payment_method_types');
  const captureMethod = optionalEnum(params, 'capture_method', CAPTURE_METHODS);
  const paymentMethod = readPaymentMethodSource(params);
  const intent = updatePaymentIntent(ctx, pathParam(ctx, 'id'), {
    ...(amount !== undefined ? { amount } : {}),
    ...(currency !== undefined ? { currency: assertCurrency(currency) } : {}),
    ...(customer !== undefined ? { customer } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    ...(receiptEmail !== undefined ? { receiptEmail } : {}),
    ...(paymentMethodTypes !== undefined ? { paymentMethodTypes } : {}),
    ...(captureMethod !== undefined ? { captureMethod } : {}),
    ...(paymentMethod !== null ? { paymentMethod } : {}),
  });
  return render(ctx, intent);
}

function confirm(ctx: RouteContext): object {
  const { params } = ctx;
  // Stripe.js sends many browser-only fields; only server calls are held to the documented list.
  if (ctx.keyKind === 'secret') assertKnownParams(params, CONFIRM_PARAMS);
  const id = pathParam(ctx, 'id');
  assertClientSecret(ctx, getPaymentIntentOrThrow(ctx.account.store, id, { param: 'intent' }));
  const receiptEmail = optionalNullableString(params, 'receipt_email');
  const intent = confirmPaymentIntent(ctx, id, {
    paymentMethod: readPaymentMethodSource(params),
    ...(receiptEmail !== undefined ? { receiptEmail } : {}),
  });
  return render(ctx, intent);
}

function cancel(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['cancellation_reason', 'expand']);
  const reason = optionalEnum(ctx.params, 'cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ] as const);
  return render(ctx, cancelPaymentIntent(ctx, pathParam(ctx, 'id'), reason ?? null));
}

function capture(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['amount_to_capture', 'expand']);
  const amount = optionalPositiveInteger(ctx.params, 'amount_to_capture');
  return render(ctx, capturePaymentIntent(ctx, pathParam(ctx, 'id'), amount));
}

export const paymentIntentRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/v1/payment_intents', run: create },
  { method: 'GET', pattern: '/v1/payment_intents/:id', publishable: true, run: retrieve },
  { method: 'POST', pattern: '/v1/payment_intents/:id', run: update },
  { method: 'POST', pattern: '/v1/payment_intents/:id/confirm', publishable: true, run: confirm },
  { method: 'POST', pattern: '/v1/payment_intents/:id/cancel', run: cancel },
  { method: 'POST', pattern: '/v1/payment_intents/:id/capture', run: capture },
];
