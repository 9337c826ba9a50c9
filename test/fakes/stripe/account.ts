import type { Clock } from './clock.ts';
import { eventTypeMatches } from './events/record.ts';
import { newId, randomToken } from './ids.ts';
import { renderCharge } from './objects/render.ts';
import { completePaymentIntent, failPaymentIntent } from './operations/confirm-payment-intent.ts';
import { closeDispute, createDispute, type CreateDisputeInput } from './operations/disputes.ts';
import { createRefund } from './operations/refunds.ts';
import {
  createStore,
  getEventOrThrow,
  NO_REQUEST,
  type AccountState,
  type OperationContext,
} from './store.ts';
import { GENERIC_DECLINE } from './test-cards.ts';
import type {
  FakeCharge,
  FakeCustomer,
  FakeDispute,
  FakeEvent,
  FakePaymentIntent,
  FakeRefund,
} from './types.ts';
import {
  createWebhookDelivery,
  type DeliverOptions,
  type DeliveryAttempt,
  type EndpointOptions,
  type PendingRetry,
  type RedeliverOptions,
  type RetryPolicy,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhooks/delivery.ts';
import { createInFlightTracker, type InFlightTracker } from './webhooks/in-flight.ts';
import { signatureHeader, type SignatureMode } from './webhooks/signature.ts';

export interface CreateAccountOptions {
  /** Fixed keys, e.g. for a TEST MODE whose configuration names them; random otherwise. */
  secretKey?: string;
  publishableKey?: string;
  webhookSecret?: string;
  /** Registers a webhook endpoint right away. */
  webhookUrl?: string;
  /** Start with deliveries held until `deliver()`. */
  holdDeliveries?: boolean;
  retryPolicy?: RetryPolicy;
  apiVersion?: string;
}

export interface FailureOptions {
  code?: string;
  declineCode?: string | null;
}

/** One Stripe account: its keys, webhook controls, dashboard-style helpers and plain reads. */
export interface FakeStripeAccount {
  readonly id: string;
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly webhookSecret: string;

  addWebhookEndpoint(url: string, options?: EndpointOptions): WebhookEndpoint;
  removeWebhookEndpoint(id: string): void;
  webhookEndpoints(): WebhookEndpoint[];
  holdDeliveries(): void;
  /** Back to automatic delivery; events held so far go out first, in creation order. */
  resumeDeliveries(): Promise<DeliveryAttempt[]>;
  heldEvents(): FakeEvent[];
  deliver(options?: DeliverOptions): Promise<DeliveryAttempt[]>;
  redeliver(eventId: string, options?: RedeliverOptions): Promise<DeliveryAttempt[]>;
  setRetryPolicy(policy: RetryPolicy): void;
  flushRetries(): Promise<DeliveryAttempt[]>;
  pendingRetries(): PendingRetry[];
  deliveries(): DeliveryAttempt[];
  /** Resolves once no delivery of this account is in flight. */
  idle(): Promise<void>;
  /** A `Stripe-Signature` header for any payload, signed as `mode` says. */
  signatureFor(payload: string, mode?: SignatureMode): string;

  succeedPaymentIntent(id: string): FakePaymentIntent;
  failPaymentIntent(id: string, message?: string, options?: FailureOptions): FakePaymentIntent;
  createDispute(chargeId: string, options?: CreateDisputeInput): FakeDispute;
  closeDispute(disputeId: string, status: 'won' | 'lost'): FakeDispute;
  refundFromDashboard(chargeId: string, amount?: number): FakeRefund;

  customer(id: string): FakeCustomer | undefined;
  customers(): FakeCustomer[];
  paymentIntent(id: string): FakePaymentIntent | undefined;
  paymentIntents(): FakePaymentIntent[];
  charge(id: string): FakeCharge | undefined;
  charges(): FakeCharge[];
  refund(id: string): FakeRefund | undefined;
  refunds(): FakeRefund[];
  dispute(id: string): FakeDispute | undefined;
  disputes(): FakeDispute[];
  event(id: string): FakeEvent | undefined;
  /** Oldest first; `type` accepts `payment_intent.*` patterns. */
  events(filter?: { type?: string }): FakeEvent[];
}

export interface AccountParts {
  state: AccountState;
  delivery: WebhookDelivery;
  handle: FakeStripeAccount;
}

export interface AccountEnvironment {
  clock: Clock;
  apiVersion: string;
  tracker: InFlightTracker;
  webhookTimeoutMs: number;
  onAttempt: (attempt: DeliveryAttempt) => void;
}

function keysFor(options: CreateAccountOptions) {
  const keys = {
    secretKey: options.secretKey ?? `sk_test_${randomToken(32)}`,
    publishableKey: options.publishableKey ?? `pk_test_${randomToken(32)}`,
    webhookSecret: options.webhookSecret ?? `whsec_${randomToken(32)}`,
  };
  if (!keys.secretKey.startsWith('sk_test_')) throw new Error('A secret key starts with sk_test_');
  if (!keys.publishableKey.startsWith('pk_test_')) {
    throw new Error('A publishable key starts with pk_test_');
  }
  if (!keys.webhookSecret.startsWith('whsec_'))
    throw new Error('A webhook secret starts with whsec_');
  return keys;
}

const copy = <T>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : structuredClone(value);
const copies = <T>(values: Iterable<T>): T[] => [...values].map((value) => structuredClone(value));

export function createAccount(
  env: AccountEnvironment,
  options: CreateAccountOptions,
): AccountParts {
  const id = newId('acct');
  const keys = keysFor(options);
  const tracker = createInFlightTracker(env.tracker);
  const delivery = createWebhookDelivery({
    accountId: id,
    webhookSecret: keys.webhookSecret,
    tracker,
    held: options.holdDeliveries ?? false,
    timeoutMs: env.webhookTimeoutMs,
    onAttempt: env.onAttempt,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  const state: AccountState = {
    id,
    keys,
    apiVersion: options.apiVersion ?? env.apiVersion,
    clock: env.clock,
    store: createStore(),
    idempotency: new Map(),
    sink: delivery,
  };
  if (options.webhookUrl) delivery.addEndpoint(options.webhookUrl);
  // Helpers act outside any API request, like the dashboard or the buyer's browser.
  const ctx: OperationContext = { account: state, request: NO_REQUEST };
  const { store } = state;
  const chargeView = (charge: Parameters<typeof renderCharge>[1]) => renderCharge(store, charge);

  const handle: FakeStripeAccount = {
    id,
    ...keys,
    addWebhookEndpoint: (url, endpointOptions) => delivery.addEndpoint(url, endpointOptions),
    removeWebhookEndpoint: (endpointId) => delivery.removeEndpoint(endpointId),
    webhookEndpoints: () => delivery.endpoints(),
    holdDeliveries: () => delivery.hold(),
    resumeDeliveries: () => delivery.resume(),
    heldEvents: () => copies(delivery.held()),
    deliver: (deliverOptions) => delivery.deliver(deliverOptions),
    redeliver: (eventId, redeliverOptions) =>
      delivery.redeliver(getEventOrThrow(store, eventId, { param: 'id' }), redeliverOptions),
    setRetryPolicy: (policy) => delivery.setRetryPolicy(policy),
    flushRetries: () => delivery.flushRetries(),
    pendingRetries: () => delivery.pendingRetries(),
    deliveries: () => delivery.attempts(),
    idle: () => tracker.idle(),
    signatureFor: (payload, mode = 'valid') =>
      signatureHeader(payload, keys.webhookSecret, mode, Math.floor(Date.now() / 1000)),

    succeedPaymentIntent: (intentId) => structuredClone(completePaymentIntent(ctx, intentId)),
    failPaymentIntent: (intentId, message, failure = {}) =>
      structuredClone(
        failPaymentIntent(ctx, intentId, {
          code: failure.code ?? GENERIC_DECLINE.code,
          declineCode:
            failure.declineCode === undefined ? GENERIC_DECLINE.declineCode : failure.declineCode,
          message: message ?? GENERIC_DECLINE.message,
        }),
      ),
    createDispute: (chargeId, disputeOptions) =>
      structuredClone(createDispute(ctx, chargeId, disputeOptions)),
    closeDispute: (disputeId, status) => structuredClone(closeDispute(ctx, disputeId, status)),
    refundFromDashboard: (chargeId, amount) =>
      structuredClone(
        createRefund(ctx, {
          charge: chargeId,
          ...(amount !== undefined ? { amount } : {}),
          reason: null,
          metadata: {},
        }),
      ),

    customer: (key) => copy(store.customers.get(key)),
    customers: () => copies(store.customers.values()),
    paymentIntent: (key) => copy(store.paymentIntents.get(key)),
    paymentIntents: () => copies(store.paymentIntents.values()),
    charge: (key) => {
      const charge = store.charges.get(key);
      return charge && chargeView(charge);
    },
    charges: () => [...store.charges.values()].map(chargeView),
    refund: (key) => copy(store.refunds.get(key)),
    refunds: () => copies(store.refunds.values()),
    dispute: (key) => copy(store.disputes.get(key)),
    disputes: () => copies(store.disputes.values()),
    event: (key) => copy(store.eventsById.get(key)),
    events: (filter = {}) =>
      copies(
        store.events.filter(
          (event) => filter.type === undefined || eventTypeMatches(filter.type, event.type),
        ),
      ),
  };
  return { state, delivery, handle };
}
