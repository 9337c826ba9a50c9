import Stripe from 'stripe';
import { createAccount, type CreateAccountOptions, type FakeStripeAccount } from './account.ts';
import { createClock } from './clock.ts';
import { createDispatcher, type FakeHttpRequest, type FakeHttpResponse } from './dispatch.ts';
import { createNodeHandler, type NodeRequestHandler } from './http-handler.ts';
import type { KeyKind } from './routes/route.ts';
import type { AccountState } from './store.ts';
import { restoreAccount, snapshotAccount, type FakeStripeSnapshot } from './snapshot.ts';
import type { DeliveryAttempt, WebhookDelivery } from './webhooks/delivery.ts';
import { createInFlightTracker } from './webhooks/in-flight.ts';

export interface FakeStripeOptions {
  /** Wall clock in milliseconds for `created` fields; `advanceClock` moves it further. */
  now?: () => number;
  /** Version stamped on events and answered when a request sends no `Stripe-Version`. */
  apiVersion?: string;
  webhookTimeoutMs?: number;
  /** Called after every API request that may have changed state (anything but GET), e.g. to save a snapshot. */
  onChange?: () => void;
}

/** The stand-in without a socket: mount `handler`, or call `dispatch` with an already-read body. */
export interface FakeStripe {
  handler: NodeRequestHandler;
  dispatch(request: FakeHttpRequest): FakeHttpResponse;
  createAccount(options?: CreateAccountOptions): FakeStripeAccount;
  /** Finds an account by id or by any of its keys. */
  account(idOrKey: string): FakeStripeAccount | undefined;
  accounts(): FakeStripeAccount[];
  /** Every delivery attempt of every account, in the order they finished. */
  deliveries(): DeliveryAttempt[];
  /** Resolves once no webhook delivery of any account is in flight. */
  idle(): Promise<void>;
  advanceClock(seconds: number): void;
  nowSeconds(): number;
  /** Every account's state as plain JSON; `restore` brings it back in a new stand-in. */
  snapshot(): FakeStripeSnapshot;
  /** Recreates the snapshot's accounts (same ids and keys, no webhook endpoints). */
  restore(snapshot: FakeStripeSnapshot): void;
  /** Cancels scheduled retries; in-flight deliveries finish on their own. */
  close(): void;
}

interface Registered {
  state: AccountState;
  delivery: WebhookDelivery;
  handle: FakeStripeAccount;
}

export function createFakeStripe(options: FakeStripeOptions = {}): FakeStripe {
  const clock = createClock(options.now);
  const tracker = createInFlightTracker();
  const attempts: DeliveryAttempt[] = [];
  const accounts: Registered[] = [];
  const byKey = new Map<string, { account: Registered; kind: KeyKind | 'webhook' }>();

  const answer = createDispatcher((key) => {
    const found = byKey.get(key);
    if (!found || found.kind === 'webhook') return undefined;
    return { account: found.account.state, kind: found.kind };
  });
  const dispatch = (request: FakeHttpRequest): FakeHttpResponse => {
    const response = answer(request);
    if (request.method.toUpperCase() !== 'GET') options.onChange?.();
    return response;
  };

  function register(accountOptions: CreateAccountOptions = {}): FakeStripeAccount {
    for (const key of [accountOptions.secretKey, accountOptions.publishableKey]) {
      if (key !== undefined && byKey.has(key))
        throw new Error(`Key ${key} already belongs to an account`);
    }
    const parts = createAccount(
      {
        clock,
        apiVersion: options.apiVersion ?? Stripe.API_VERSION,
        tracker,
        webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
        onAttempt: (attempt) => attempts.push(attempt),
      },
      accountOptions,
    );
    accounts.push(parts);
    byKey.set(parts.state.id, { account: parts, kind: 'webhook' });
    byKey.set(parts.state.keys.secretKey, { account: parts, kind: 'secret' });
    byKey.set(parts.state.keys.publishableKey, { account: parts, kind: 'publishable' });
    byKey.set(parts.state.keys.webhookSecret, { account: parts, kind: 'webhook' });
    return parts.handle;
  }

  return {
    handler: createNodeHandler(dispatch),
    dispatch,
    createAccount: register,
    account: (idOrKey) => byKey.get(idOrKey)?.account.handle,
    accounts: () => accounts.map((parts) => parts.handle),
    deliveries: () => attempts.map((attempt) => ({ ...attempt })),
    idle: () => tracker.idle(),
    advanceClock: (seconds) => clock.advance(seconds),
    nowSeconds: () => clock.nowSeconds(),
    snapshot: () => ({
      version: 1,
      accounts: accounts.map((parts) => snapshotAccount(parts.state)),
    }),
    restore: (snapshot) => {
      for (const saved of snapshot.accounts) {
        register({ id: saved.id, apiVersion: saved.apiVersion, ...saved.keys });
        const restored = byKey.get(saved.id)?.account;
        if (restored) restoreAccount(restored.state, saved);
      }
    },
    close: () => {
      for (const parts of accounts) parts.delivery.stop();
    },
  };
}
