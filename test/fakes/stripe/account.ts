import type { Clock } from './clock.ts';
import { newId, randomToken } from './ids.ts';
import {
  outsideActions,
  storeReads,
  webhookControls,
  type OutsideActions,
  type StoreReads,
  type WebhookControls,
} from './account-handle.ts';
import { createStore, NO_REQUEST, type AccountKeys, type AccountState } from './store.ts';
import {
  createWebhookDelivery,
  type DeliveryAttempt,
  type RetryPolicy,
  type WebhookDelivery,
} from './webhooks/delivery.ts';
import { createInFlightTracker, type InFlightTracker } from './webhooks/in-flight.ts';

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
  /** A fixed account id, e.g. when restoring a snapshot; random otherwise. */
  id?: string;
}

/** One Stripe account: its keys, webhook controls, outside actions and plain reads. */
export interface FakeStripeAccount extends WebhookControls, OutsideActions, StoreReads {
  readonly id: string;
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly webhookSecret: string;
}

export interface AccountParts {
  state: AccountState;
  delivery: WebhookDelivery;
  handle: FakeStripeAccount;
}

/** What all accounts of one fake share. */
export interface AccountEnvironment {
  clock: Clock;
  apiVersion: string;
  tracker: InFlightTracker;
  webhookTimeoutMs: number;
  onAttempt: (attempt: DeliveryAttempt) => void;
}

function keysFor(options: CreateAccountOptions): AccountKeys {
  const keys = {
    secretKey: options.secretKey ?? `sk_test_${randomToken(32)}`,
    publishableKey: options.publishableKey ?? `pk_test_${randomToken(32)}`,
    webhookSecret: options.webhookSecret ?? `whsec_${randomToken(32)}`,
  };
  if (!keys.secretKey.startsWith('sk_test_')) throw new Error('A secret key starts with sk_test_');
  if (!keys.publishableKey.startsWith('pk_test_')) {
    throw new Error('A publishable key starts with pk_test_');
  }
  if (!keys.webhookSecret.startsWith('whsec_')) {
    throw new Error('A webhook secret starts with whsec_');
  }
  return keys;
}

export function createAccount(
  env: AccountEnvironment,
  options: CreateAccountOptions,
): AccountParts {
  const id = options.id ?? newId('acct');
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
  const handle: FakeStripeAccount = {
    id,
    ...keys,
    ...webhookControls(delivery, tracker, state.store, keys.webhookSecret),
    ...outsideActions({ account: state, request: NO_REQUEST }),
    ...storeReads(state.store),
  };
  return { state, delivery, handle };
}
