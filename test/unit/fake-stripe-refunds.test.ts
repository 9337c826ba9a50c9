import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createIntent, rejection, useFakeStripe } from '../support/fake-stripe-sdk.ts';

// Every test drives the stand-in through the real SDK, so a wire-format mistake fails here.
const stripeStandIn = useFakeStripe();
const { newAccount } = stripeStandIn;

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
    stripeStandIn.fake().advanceClock(24 * 60 * 60);
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
    stripeStandIn.fake().advanceClock(120);
    const boundary = stripeStandIn.fake().nowSeconds();
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
