import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createIntent, rejection, useFakeStripe } from '../support/fake-stripe-sdk.ts';

// Every test drives the stand-in through the real SDK, so a wire-format mistake fails here.
const stripeStandIn = useFakeStripe();
const { clientFor, newAccount } = stripeStandIn;

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
    const response = await fetch(
      `${stripeStandIn.fake().url}/v1/payment_intents/${second.id}/confirm`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          key: account.publishableKey,
          client_secret: String(second.client_secret),
          'payment_method_data[type]': 'card',
          'payment_method_data[card][number]': '4242424242424242',
          return_url: 'https://lanyard.test/return',
        }),
      },
    );
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
