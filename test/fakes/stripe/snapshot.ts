import type { SavedResponse } from './idempotency.ts';
import type { CardOutcome } from './test-cards.ts';
import type { AccountKeys, AccountState, AccountStore } from './store.ts';
import type {
  FakeCustomer,
  FakeDispute,
  FakeEvent,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeRefund,
  StoredCharge,
} from './types.ts';

/**
 * Everything an account holds, as plain JSON, so a stand-in can outlive its process (TEST MODE
 * keeps its state across restarts, D4.11). Webhook endpoints are not kept: whoever restores the
 * account points it at where its webhooks go now.
 */
export interface AccountSnapshot {
  id: string;
  keys: AccountKeys;
  apiVersion: string;
  customers: Array<[string, FakeCustomer]>;
  paymentIntents: Array<[string, FakePaymentIntent]>;
  paymentMethods: Array<[string, FakePaymentMethod]>;
  cardOutcomes: Array<[string, CardOutcome]>;
  charges: Array<[string, StoredCharge]>;
  refunds: Array<[string, FakeRefund]>;
  disputes: Array<[string, FakeDispute]>;
  events: FakeEvent[];
  idempotency: Array<[string, SavedResponse]>;
}

export interface FakeStripeSnapshot {
  version: 1;
  accounts: AccountSnapshot[];
}

export function snapshotAccount(state: AccountState): AccountSnapshot {
  const { store } = state;
  return structuredClone({
    id: state.id,
    keys: state.keys,
    apiVersion: state.apiVersion,
    customers: [...store.customers],
    paymentIntents: [...store.paymentIntents],
    paymentMethods: [...store.paymentMethods],
    cardOutcomes: [...store.cardOutcomes],
    charges: [...store.charges],
    refunds: [...store.refunds],
    disputes: [...store.disputes],
    events: store.events,
    idempotency: [...state.idempotency],
  });
}

/** Fills a freshly created account's store from its snapshot. */
export function restoreAccount(state: AccountState, snapshot: AccountSnapshot): void {
  const copy = structuredClone(snapshot);
  const store: AccountStore = state.store;
  for (const [id, value] of copy.customers) store.customers.set(id, value);
  for (const [id, value] of copy.paymentIntents) store.paymentIntents.set(id, value);
  for (const [id, value] of copy.paymentMethods) store.paymentMethods.set(id, value);
  for (const [id, value] of copy.cardOutcomes) store.cardOutcomes.set(id, value);
  for (const [id, value] of copy.charges) store.charges.set(id, value);
  for (const [id, value] of copy.refunds) store.refunds.set(id, value);
  for (const [id, value] of copy.disputes) store.disputes.set(id, value);
  for (const event of copy.events) {
    store.events.push(event);
    store.eventsById.set(event.id, event);
  }
  for (const [key, saved] of copy.idempotency) state.idempotency.set(key, saved);
}
