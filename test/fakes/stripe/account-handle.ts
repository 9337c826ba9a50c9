import { eventTypeMatches } from './events/record.ts';
import { renderCharge } from './objects/render.ts';
import { completePaymentIntent, failPaymentIntent } from './operations/confirm-payment-intent.ts';
import { closeDispute, createDispute, type CreateDisputeInput } from './operations/disputes.ts';
import { createRefund, settleRefund } from './operations/refunds.ts';
import { getEventOrThrow, type AccountStore, type OperationContext } from './store.ts';
import { GENERIC_DECLINE } from './test-cards.ts';
import type {
  FakeCharge,
  FakeCustomer,
  FakeDispute,
  FakeEvent,
  FakePaymentIntent,
  FakeRefund,
  StoredCharge,
} from './types.ts';
import type {
  DeliverOptions,
  DeliveryAttempt,
  EndpointOptions,
  PendingRetry,
  RedeliverOptions,
  RetryPolicy,
  WebhookDelivery,
  WebhookEndpoint,
} from './webhooks/delivery.ts';
import type { InFlightTracker } from './webhooks/in-flight.ts';
import { signatureHeader, type SignatureMode } from './webhooks/signature.ts';

export interface WebhookControls {
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
}

export interface FailureOptions {
  code?: string;
  declineCode?: string | null;
}

/** What happens outside Lanyard's API calls: the buyer's browser, the bank, the dashboard. */
export interface OutsideActions {
  succeedPaymentIntent(id: string): FakePaymentIntent;
  failPaymentIntent(id: string, message?: string, options?: FailureOptions): FakePaymentIntent;
  createDispute(chargeId: string, options?: CreateDisputeInput): FakeDispute;
  closeDispute(disputeId: string, status: 'won' | 'lost'): FakeDispute;
  /** `pending`: the bank confirms later, through `settleRefund`. */
  refundFromDashboard(
    chargeId: string,
    amount?: number,
    options?: { pending?: boolean },
  ): FakeRefund;
  settleRefund(refundId: string, outcome: 'succeeded' | 'failed'): FakeRefund;
}

/** Copies of what the account holds; changing them changes nothing. */
export interface StoreReads {
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

export function webhookControls(
  delivery: WebhookDelivery,
  tracker: InFlightTracker,
  store: AccountStore,
  webhookSecret: string,
): WebhookControls {
  return {
    addWebhookEndpoint: (url, options) => delivery.addEndpoint(url, options),
    removeWebhookEndpoint: (id) => delivery.removeEndpoint(id),
    webhookEndpoints: () => delivery.endpoints(),
    holdDeliveries: () => delivery.hold(),
    resumeDeliveries: () => delivery.resume(),
    heldEvents: () => delivery.held().map((event) => structuredClone(event)),
    deliver: (options) => delivery.deliver(options),
    redeliver: (eventId, options) =>
      delivery.redeliver(getEventOrThrow(store, eventId, { param: 'id' }), options),
    setRetryPolicy: (policy) => delivery.setRetryPolicy(policy),
    flushRetries: () => delivery.flushRetries(),
    pendingRetries: () => delivery.pendingRetries(),
    deliveries: () => delivery.attempts(),
    idle: () => tracker.idle(),
    signatureFor: (payload, mode = 'valid') =>
      signatureHeader(payload, webhookSecret, mode, Math.floor(Date.now() / 1000)),
  };
}

/** `ctx` carries no request: these changes did not come through the API. */
export function outsideActions(ctx: OperationContext): OutsideActions {
  return {
    succeedPaymentIntent: (id) => structuredClone(completePaymentIntent(ctx, id)),
    failPaymentIntent: (id, message, failure = {}) =>
      structuredClone(
        failPaymentIntent(ctx, id, {
          code: failure.code ?? GENERIC_DECLINE.code,
          declineCode:
            failure.declineCode === undefined ? GENERIC_DECLINE.declineCode : failure.declineCode,
          message: message ?? GENERIC_DECLINE.message,
        }),
      ),
    createDispute: (chargeId, options) => structuredClone(createDispute(ctx, chargeId, options)),
    closeDispute: (disputeId, status) => structuredClone(closeDispute(ctx, disputeId, status)),
    refundFromDashboard: (chargeId, amount, options = {}) =>
      structuredClone(
        createRefund(ctx, {
          charge: chargeId,
          ...(amount !== undefined ? { amount } : {}),
          reason: null,
          metadata: {},
          pending: options.pending ?? false,
        }),
      ),
    settleRefund: (refundId, outcome) => structuredClone(settleRefund(ctx, refundId, outcome)),
  };
}

const copyOf = <T>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : structuredClone(value);
const copiesOf = <T>(values: Iterable<T>): T[] =>
  [...values].map((value) => structuredClone(value));

export function storeReads(store: AccountStore): StoreReads {
  const chargeView = (charge: StoredCharge) => renderCharge(charge);
  return {
    customer: (id) => copyOf(store.customers.get(id)),
    customers: () => copiesOf(store.customers.values()),
    paymentIntent: (id) => copyOf(store.paymentIntents.get(id)),
    paymentIntents: () => copiesOf(store.paymentIntents.values()),
    charge: (id) => {
      const charge = store.charges.get(id);
      return charge && chargeView(charge);
    },
    charges: () => [...store.charges.values()].map(chargeView),
    refund: (id) => copyOf(store.refunds.get(id)),
    refunds: () => copiesOf(store.refunds.values()),
    dispute: (id) => copyOf(store.disputes.get(id)),
    disputes: () => copiesOf(store.disputes.values()),
    event: (id) => copyOf(store.eventsById.get(id)),
    events: (filter = {}) =>
      copiesOf(
        store.events.filter(
          (event) => filter.type === undefined || eventTypeMatches(filter.type, event.type),
        ),
      ),
  };
}
