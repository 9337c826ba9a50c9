import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeStripe,
  stripeClientOptions,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';

// Every test drives the stand-in through the real SDK, so a wire-format mistake fails here.

let fake: RunningFakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
});

afterAll(async () => {
  await fake.stop();
});

function clientFor(key: string): Stripe {
  return new Stripe(key, { ...stripeClientOptions(fake), maxNetworkRetries: 0 });
}

function newAccount(): { account: FakeStripeAccount; stripe: Stripe } {
  const account = fake.createAccount();
  return { account, stripe: clientFor(account.secretKey) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

function createIntent(stripe: Stripe, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({
    amount: 2500,
    currency: 'eur',
    ...extra,
    metadata: { order: 'ord_1', ...extra.metadata },
  });
}

describe('fake Stripe: accounts and customers', () => {
  it('creates and retrieves a customer with Stripe-shaped fields', async () => {
    const { stripe } = newAccount();
    const created = await stripe.customers.create({
      email: 'ada@example.org',
      name: 'Ada',
      metadata: { buyer: 'b1' },
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created).toMatchObject({
      object: 'customer',
      email: 'ada@example.org',
      livemode: false,
      metadata: { buyer: 'b1' },
    });
    expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(5);
    const fetched = await stripe.customers.retrieve(created.id);
    expect(fetched).toMatchObject({ id: created.id, email: 'ada@example.org' });
  });

  it('refuses an unknown secret key with StripeAuthenticationError', async () => {
    const error = await rejection(clientFor('sk_test_doesnotexist1234').customers.create({}));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, rawType: 'invalid_request_error' });
    expect((error as Error).message).toContain('sk_test_');
    expect((error as Error).message).toContain('1234');
    expect((error as Error).message).not.toContain('doesnotexist');
  });

  it('refuses a publishable key on a secret-key endpoint', async () => {
    const { account } = newAccount();
    const error = await rejection(clientFor(account.publishableKey).customers.create({}));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('keeps each account to its own objects', async () => {
    const first = newAccount();
    const second = newAccount();
    const intent = await createIntent(first.stripe);
    const error = await rejection(second.stripe.paymentIntents.retrieve(intent.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('rejects unknown parameters the way Stripe does', async () => {
    const { stripe } = newAccount();
    const error = await rejection(
      stripe.rawRequest('POST', '/v1/payment_intents', {
        amount: 1000,
        currency: 'eur',
        colour: 'red',
      }),
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' });
  });

  it('answers with the Stripe-Version the SDK pinned and stamps events with the account version', async () => {
    const { account, stripe } = newAccount();
    const intent = await createIntent(stripe);
    expect(intent.lastResponse.apiVersion).toBe(Stripe.API_VERSION);
    expect(intent.lastResponse.requestId).toMatch(/^req_/);
    expect(account.events()[0]).toMatchObject({ api_version: Stripe.API_VERSION, livemode: false });
  });
});

describe('fake Stripe: payment intents', () => {
  it('creates, confirms with pm_card_visa and records the events of a successful payment', async () => {
    const { account, stripe } = newAccount();
    const created = await createIntent(stripe);
    expect(created).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 2500,
    });
    expect(created.id).toMatch(/^pi_/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));

    const paid = await stripe.paymentIntents.confirm(created.id, {
      payment_method: 'pm_card_visa',
    });
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 2500 });
    expect(paid.payment_method).toMatch(/^pm_/);
    expect(paid.latest_charge).toMatch(/^ch_/);

    const charge = await stripe.charges.retrieve(String(paid.latest_charge));
    expect(charge).toMatchObject({
      object: 'charge',
      amount: 2500,
      amount_refunded: 0,
      refunded: false,
      paid: true,
      status: 'succeeded',
      payment_intent: created.id,
      metadata: { order: 'ord_1' },
    });

    const types = account.events().map((event) => event.type);
    expect(types).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    const [createdEvent, , succeededEvent] = account.events();
    // Each event keeps the object as it was when the event happened.
    expect(createdEvent?.data.object).toMatchObject({
      id: created.id,
      status: 'requires_payment_method',
    });
    expect(succeededEvent?.data.object).toMatchObject({ id: created.id, status: 'succeeded' });
    expect(succeededEvent?.request.id).toBe(paid.lastResponse.requestId);
    expect(succeededEvent?.request.idempotency_key).toBe(paid.lastResponse.idempotencyKey);
  });

  it('declines pm_card_chargeDeclined with a card error, then lets the buyer pay with another card', async () => {
    const { account, stripe } = newAccount();
    const intent = await createIntent(stripe);
    const error = await rejection(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
      payment_intent: { id: intent.id, status: 'requires_payment_method' },
    });

    const afterDecline = await stripe.paymentIntents.retrieve(intent.id);
    expect(afterDecline.last_payment_error).toMatchObject({ code: 'card_declined' });
    expect(account.events({ type: 'payment_intent.payment_failed' })).toHaveLength(1);

    const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('succeeded');
    expect(paid.last_payment_error).toBeNull();
  });

  it('asks for authentication with pm_card_authenticationRequired; the helper completes it', async () => {
    const { account, stripe } = newAccount();
    const intent = await createIntent(stripe);
    const pending = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_authenticationRequired',
    });
    expect(pending.status).toBe('requires_action');
    expect(pending.next_action?.type).toBe('use_stripe_sdk');
    account.succeedPaymentIntent(intent.id);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('cancels an unpaid intent and refuses to cancel a succeeded one', async () => {
    const { account, stripe } = newAccount();
    const open = await createIntent(stripe);
    const canceled = await stripe.paymentIntents.cancel(open.id, {
      cancellation_reason: 'abandoned',
    });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    expect(account.events({ type: 'payment_intent.canceled' })).toHaveLength(1);

    const paid = await createIntent(stripe, {
      amount: 1000,
      currency: 'eur',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    expect(paid.status).toBe('succeeded');
    const error = await rejection(stripe.paymentIntents.cancel(paid.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('holds funds with manual capture until the intent is captured', async () => {
    const { account, stripe } = newAccount();
    const intent = await createIntent(stripe, {
      amount: 4000,
      currency: 'usd',
      capture_method: 'manual',
    });
    const authorized = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_visa',
    });
    expect(authorized).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 4000,
      amount_received: 0,
    });
    const captured = await stripe.paymentIntents.capture(intent.id);
    expect(captured).toMatchObject({
      status: 'succeeded',
      amount_received: 4000,
      amount_capturable: 0,
    });
    expect(account.events().map((event) => event.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
    ]);
  });

  it('updates amount and metadata before payment; afterwards only metadata', async () => {
    const { stripe } = newAccount();
    const intent = await createIntent(stripe);
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: 3100,
      metadata: { order: '', attempt: '2' },
    });
    expect(updated.amount).toBe(3100);
    expect(updated.metadata).toEqual({ attempt: '2' });

    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const error = await rejection(stripe.paymentIntents.update(intent.id, { amount: 100 }));
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
      param: 'amount',
    });
    const tagged = await stripe.paymentIntents.update(intent.id, {
      metadata: { reconciled: 'yes' },
    });
    expect(tagged.metadata).toEqual({ attempt: '2', reconciled: 'yes' });
  });

  it('enforces Stripe’s minimum amount and required parameters', async () => {
    const { stripe } = newAccount();
    const tooSmall = await rejection(stripe.paymentIntents.create({ amount: 20, currency: 'eur' }));
    expect(tooSmall).toMatchObject({ code: 'amount_too_small', param: 'amount' });
    const missing = await rejection(
      stripe.rawRequest('POST', '/v1/payment_intents', { amount: 1000 }),
    );
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'currency' });
  });

  it('expands latest_charge on request', async () => {
    const { stripe } = newAccount();
    const paid = await createIntent(stripe, {
      amount: 1000,
      currency: 'eur',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const expanded = await stripe.paymentIntents.retrieve(paid.id, { expand: ['latest_charge'] });
    expect(expanded.latest_charge).toMatchObject({ object: 'charge', payment_intent: paid.id });
  });
});

describe('fake Stripe: confirming from the browser with the publishable key', () => {
  it('confirms with the client secret, through the SDK and as Stripe.js posts it', async () => {
    const { account, stripe } = newAccount();
    const browser = clientFor(account.publishableKey);
    const first = await createIntent(stripe);
    const confirmed = (await browser.rawRequest('POST', `/v1/payment_intents/${first.id}/confirm`, {
      client_secret: first.client_secret,
      payment_method: 'pm_card_visa',
    })) as Stripe.PaymentIntent;
    expect(confirmed.status).toBe('succeeded');

    // Stripe.js sends the publishable key as a `key` field and card details as payment_method_data.
    const second = await createIntent(stripe);
    const response = await fetch(`${fake.url}/v1/payment_intents/${second.id}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        key: account.publishableKey,
        client_secret: String(second.client_secret),
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4242424242424242',
        return_url: 'https://lanyard.test/return',
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: second.id, status: 'succeeded' });
  });

  it('refuses a client secret that belongs to another intent', async () => {
    const { account, stripe } = newAccount();
    const browser = clientFor(account.publishableKey);
    const mine = await createIntent(stripe);
    const other = await createIntent(stripe);
    const error = await rejection(
      browser.rawRequest('POST', `/v1/payment_intents/${mine.id}/confirm`, {
        client_secret: other.client_secret,
        payment_method: 'pm_card_visa',
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'client_secret' });
    expect((await stripe.paymentIntents.retrieve(mine.id)).status).toBe('requires_payment_method');
  });
});

describe('fake Stripe: idempotency', () => {
  it('replays the first response for a repeated key, with Idempotent-Replayed', async () => {
    const { account, stripe } = newAccount();
    const params = { amount: 1500, currency: 'eur', metadata: { order: 'o-7' } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'order-o-7' });
    const again = await stripe.paymentIntents.create(params, { idempotencyKey: 'order-o-7' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(account.paymentIntents()).toHaveLength(1);
    expect(account.events({ type: 'payment_intent.created' })).toHaveLength(1);
  });

  it('creates one intent when the same key arrives concurrently', async () => {
    const { account, stripe } = newAccount();
    const params = { amount: 1500, currency: 'eur' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        stripe.paymentIntents.create(params, { idempotencyKey: 'race' }),
      ),
    );
    expect(new Set(results.map((intent) => intent.id)).size).toBe(1);
    expect(account.paymentIntents()).toHaveLength(1);
  });

  it('refuses the same key with different parameters as StripeIdempotencyError', async () => {
    const { stripe } = newAccount();
    await stripe.paymentIntents.create({ amount: 1500, currency: 'eur' }, { idempotencyKey: 'k1' });
    const error = await rejection(
      stripe.paymentIntents.create({ amount: 1600, currency: 'eur' }, { idempotencyKey: 'k1' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
  });

  it('forgets a key after 24 hours, as Stripe does', async () => {
    const { stripe } = newAccount();
    const first = await stripe.paymentIntents.create(
      { amount: 1500, currency: 'eur' },
      { idempotencyKey: 'day-old' },
    );
    fake.advanceClock(24 * 60 * 60);
    const second = await stripe.paymentIntents.create(
      { amount: 1700, currency: 'eur' },
      { idempotencyKey: 'day-old' },
    );
    expect(second.id).not.toBe(first.id);
  });

  it('replays a decline, but saves nothing for a request that failed validation', async () => {
    const { account, stripe } = newAccount();
    const intent = await createIntent(stripe);
    const confirm = () =>
      stripe.paymentIntents.confirm(
        intent.id,
        { payment_method: 'pm_card_chargeDeclined' },
        { idempotencyKey: 'pay-1' },
      );
    const firstDecline = await rejection(confirm());
    const replayed = await rejection(confirm());
    expect(replayed).toMatchObject({
      statusCode: 402,
      charge: (firstDecline as Stripe.errors.StripeCardError).charge,
    });
    expect(account.charges()).toHaveLength(1);

    const invalid = await rejection(
      stripe.rawRequest(
        'POST',
        '/v1/payment_intents',
        { amount: 'lots', currency: 'eur' },
        { idempotencyKey: 'k2' },
      ),
    );
    expect(invalid).toMatchObject({ code: 'parameter_invalid_integer' });
    const corrected = await stripe.paymentIntents.create(
      { amount: 1000, currency: 'eur' },
      { idempotencyKey: 'k2' },
    );
    expect(corrected.status).toBe('requires_payment_method');
  });
});

describe('fake Stripe: refunds', () => {
  it('refunds part, then the rest by default, then refuses a third refund', async () => {
    const { account, stripe } = newAccount();
    const paid = await createIntent(stripe, {
      amount: 1000,
      currency: 'eur',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const partial = await stripe.refunds.create({
      payment_intent: paid.id,
      amount: 300,
      reason: 'requested_by_customer',
    });
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 300,
      status: 'succeeded',
      payment_intent: paid.id,
    });
    expect(partial.id).toMatch(/^re_/);
    const rest = await stripe.refunds.create({ payment_intent: paid.id });
    expect(rest.amount).toBe(700);

    const charge = await stripe.charges.retrieve(String(paid.latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 1000, refunded: true });
    // D4.11: since API 2022-11-15 a charge lists its refunds only when expanded, or listed.
    expect(charge).not.toHaveProperty('refunds');
    const expanded = await stripe.charges.retrieve(charge.id, { expand: ['refunds'] });
    expect(expanded.refunds?.data.map((refund) => refund.id)).toEqual([rest.id, partial.id]);
    const listed = await stripe.refunds.list({ charge: charge.id, limit: 1 }).autoPagingToArray({
      limit: 10,
    });
    expect(listed.map((refund) => refund.id)).toEqual([rest.id, partial.id]);
    expect((await stripe.refunds.retrieve(partial.id)).amount).toBe(300);

    const again = await rejection(stripe.refunds.create({ payment_intent: paid.id, amount: 1 }));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });

    const refundedSnapshots = account
      .events({ type: 'charge.refunded' })
      .map((event) =>
        'amount_refunded' in event.data.object ? event.data.object.amount_refunded : null,
      );
    expect(refundedSnapshots).toEqual([300, 1000]);
    expect(account.events({ type: 'refund.created' })).toHaveLength(2);
  });

  it('refuses to refund more than is left', async () => {
    const { stripe } = newAccount();
    const paid = await createIntent(stripe, {
      amount: 1000,
      currency: 'eur',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const error = await rejection(
      stripe.refunds.create({ charge: String(paid.latest_charge), amount: 1500 }),
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
  });

  it('shows dashboard refunds and disputes made by the test helpers', async () => {
    const { account, stripe } = newAccount();
    const paid = await createIntent(stripe, {
      amount: 5000,
      currency: 'eur',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const chargeId = String(paid.latest_charge);
    const refund = account.refundFromDashboard(chargeId, 1000);
    expect(refund.amount).toBe(1000);
    const refundEvent = account.events({ type: 'refund.created' })[0];
    expect(refundEvent?.request).toEqual({ id: null, idempotency_key: null });

    const dispute = account.createDispute(chargeId);
    expect(dispute).toMatchObject({ object: 'dispute', status: 'needs_response', amount: 4000 });
    expect(dispute.id).toMatch(/^dp_/);
    const blocked = await rejection(stripe.refunds.create({ charge: chargeId }));
    expect(blocked).toMatchObject({ code: 'charge_disputed' });
    account.closeDispute(dispute.id, 'lost');
    expect(account.events({ type: 'charge.dispute.*' }).map((event) => event.type)).toEqual([
      'charge.dispute.created',
      'charge.dispute.closed',
    ]);
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
  });

  it('fails a payment from the helper as a declined card would', async () => {
    const { account, stripe } = newAccount();
    const intent = await createIntent(stripe);
    const failed = account.failPaymentIntent(intent.id, 'Your card has insufficient funds.', {
      declineCode: 'insufficient_funds',
    });
    expect(failed.status).toBe('requires_payment_method');
    const fetched = await stripe.paymentIntents.retrieve(intent.id);
    expect(fetched.last_payment_error).toMatchObject({
      message: 'Your card has insufficient funds.',
      decline_code: 'insufficient_funds',
    });
  });
});

describe('fake Stripe: events', () => {
  it('lists newest first and filters by created and type', async () => {
    const { account, stripe } = newAccount();
    const early = await createIntent(stripe);
    fake.advanceClock(120);
    const boundary = fake.nowSeconds();
    const late = await createIntent(stripe);
    await stripe.paymentIntents.cancel(late.id);

    const recent = await stripe.events.list({ created: { gte: boundary } });
    expect(recent).toMatchObject({ object: 'list', has_more: false, url: '/v1/events' });
    expect(recent.data.map((event) => event.type)).toEqual([
      'payment_intent.canceled',
      'payment_intent.created',
    ]);
    const older = await stripe.events.list({ created: { lt: boundary } });
    expect(older.data.map((event) => (event.data.object as { id: string }).id)).toEqual([early.id]);

    const canceled = await stripe.events.list({ type: 'payment_intent.canceled' });
    expect(canceled.data).toHaveLength(1);
    const some = await stripe.events.list({
      types: ['payment_intent.canceled', 'payment_intent.created'],
    });
    expect(some.data).toHaveLength(3);
    const retrieved = await stripe.events.retrieve(String(canceled.data[0]?.id));
    expect(retrieved).toMatchObject({ object: 'event', type: 'payment_intent.canceled' });
    expect(account.events()).toHaveLength(3);
  });

  it('pages with starting_after and through autoPagingToArray', async () => {
    const { stripe } = newAccount();
    for (let i = 0; i < 5; i += 1) await createIntent(stripe);
    const firstPage = await stripe.events.list({ limit: 2 });
    expect(firstPage.has_more).toBe(true);
    const secondPage = await stripe.events.list({
      limit: 2,
      starting_after: firstPage.data[1]?.id,
    });
    const all = await stripe.events.list({ limit: 100 });
    expect([...firstPage.data, ...secondPage.data].map((e) => e.id)).toEqual(
      all.data.slice(0, 4).map((e) => e.id),
    );
    const paged = await stripe.events.list({ limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(paged.map((e) => e.id)).toEqual(all.data.map((e) => e.id));
    expect(paged).toHaveLength(5);

    const tooMany = await rejection(stripe.events.list({ limit: 101 }));
    expect(tooMany).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
