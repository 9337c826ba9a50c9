import type { Clock } from './clock.ts';
import { resourceMissing } from './errors.ts';
import type { SavedResponse } from './idempotency.ts';
import type { CardOutcome } from './test-cards.ts';
import type {
  EventRequest,
  FakeCustomer,
  FakeDispute,
  FakeEvent,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeRefund,
  StoredCharge,
} from './types.ts';

/** Everything one Stripe account holds. Objects are mutated in place; readers get copies. */
export interface AccountStore {
  customers: Map<string, FakeCustomer>;
  paymentIntents: Map<string, FakePaymentIntent>;
  paymentMethods: Map<string, FakePaymentMethod>;
  /** What the test card behind each payment method does when charged. */
  cardOutcomes: Map<string, CardOutcome>;
  charges: Map<string, StoredCharge>;
  refunds: Map<string, FakeRefund>;
  disputes: Map<string, FakeDispute>;
  /** In creation order; the events API lists them newest first. */
  events: FakeEvent[];
  eventsById: Map<string, FakeEvent>;
}

/** Where recorded events go: the webhook delivery of the account. */
export interface EventSink {
  subscriberCount(type: string): number;
  publish(event: FakeEvent): void;
}

export interface AccountKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

export interface AccountState {
  id: string;
  keys: AccountKeys;
  apiVersion: string;
  clock: Clock;
  store: AccountStore;
  idempotency: Map<string, SavedResponse>;
  sink: EventSink;
}

/** What every state change needs: the account, and the request to stamp on its events. */
export interface OperationContext {
  account: AccountState;
  request: EventRequest;
}

export const NO_REQUEST: EventRequest = { id: null, idempotency_key: null };

export function createStore(): AccountStore {
  return {
    customers: new Map(),
    paymentIntents: new Map(),
    paymentMethods: new Map(),
    cardOutcomes: new Map(),
    charges: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    events: [],
    eventsById: new Map(),
  };
}

/** Where an id came from decides the answer to a miss: a path id is 404, a body reference 400. */
export interface LookupSource {
  param: string;
  status?: 400 | 404;
}

function getOrThrow<T>(map: Map<string, T>, kind: string, id: string, source: LookupSource): T {
  const found = map.get(id);
  if (found === undefined) throw resourceMissing(kind, id, source.param, source.status);
  return found;
}

export function getCustomerOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.customers, 'customer', id, source);
}

export function getPaymentIntentOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.paymentIntents, 'payment_intent', id, source);
}

export function getPaymentMethodOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.paymentMethods, 'PaymentMethod', id, source);
}

export function getChargeOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.charges, 'charge', id, source);
}

export function getRefundOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.refunds, 'refund', id, source);
}

export function getDisputeOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.disputes, 'dispute', id, source);
}

export function getEventOrThrow(store: AccountStore, id: string, source: LookupSource) {
  return getOrThrow(store.eventsById, 'event', id, source);
}
