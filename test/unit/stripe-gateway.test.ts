import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GatewayError,
  isFinalRefusal,
  type PaymentGateway,
} from '../../src/integrations/payments/index.ts';
import { createStripeClient } from '../../src/integrations/stripe/index.ts';
import { readStripeEvent } from '../../src/integrations/stripe/stripe-events.ts';
import { stripeGateway } from '../../src/integrations/stripe/stripe-gateway.ts';
import {
  startFakeStripe,
  stripeClientOptions,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';

// Issue 15.4: the one PaymentGateway implementation, driven through the official SDK against the
// Stripe stand-in: Lanyard's own intent, refund and event shapes come out, and the SDK's errors
// leave as GatewayError kinds.

let fake: RunningFakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(() => fake.stop());

function newGateway(): { account: FakeStripeAccount; gateway: PaymentGateway } {
  const account = fake.createAccount();
  const client = createStripeClient(account.secretKey, stripeClientOptions(fake));
  const gateway = stripeGateway(client, {
    publishableKey: account.publishableKey,
    webhookSecret: account.webhookSecret,
    testMode: false,
  });
  return { account, gateway };
}

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const TAGS = {
  orderId: '00000000-0000-4000-8000-000000000001',
  orderReference: 'ORD-TEST',
  conferenceId: '00000000-0000-4000-8000-000000000002',
  conferenceSlug: 'gateway-conf',
  paymentId: '00000000-0000-4000-8000-000000000003',
};

async function newIntent(gateway: PaymentGateway, key: string, amount = 2_500) {
  const customer = await gateway.createCustomer({
    email: 'ada@example.org',
    name: 'Ada',
    tags: { userId: 'u1', conferenceSlug: 'gateway-conf' },
    idempotencyKey: `customer-${key}`,
  });
  return gateway.createIntent({
    amount,
    currency: 'eur',
    customerId: customer.id,
    description: 'Order ORD-TEST',
    tags: TAGS,
    idempotencyKey: key,
  });
}

describe('the Stripe gateway', () => {
  it('creates, confirms and reads card intents in Lanyard’s terms', async () => {
    const { gateway } = newGateway();
    const intent = await newIntent(gateway, 'intent-1');
    expect(intent).toMatchObject({
      status: 'awaiting_payment',
      amount: 2_500,
      amountReceived: 0,
      currency: 'EUR',
      orderId: TAGS.orderId,
      chargeId: null,
      lastFailure: null,
    });
    expect(intent.clientSecret).toBeTruthy();
    const paid = await gateway.confirmIntent(intent.id, 'pm_card_visa', 'confirm-1');
    expect(paid).toMatchObject({ status: 'succeeded', amountReceived: 2_500 });
    expect(paid.chargeId).toMatch(/^ch_/);
    expect(await gateway.retrieveIntent(intent.id)).toEqual(paid);
  });

  it('a declined card is `declined`, and the intent keeps the failure for the buyer', async () => {
    const { gateway } = newGateway();
    const intent = await newIntent(gateway, 'intent-2');
    const declined = await failureOf(
      gateway.confirmIntent(intent.id, 'pm_card_chargeDeclined', 'confirm-2'),
    );
    expect(declined).toMatchObject({ kind: 'declined', provider: 'stripe' });
    expect(isFinalRefusal(declined)).toBe(true);
    const after = await gateway.retrieveIntent(intent.id);
    expect(after.status).toBe('awaiting_payment');
    expect(after.lastFailure?.message).toBe('Your card was declined.');
    expect(after.lastFailure?.attempt).not.toBe('');
  });

  it('an unknown id is `not_found`; a reused key with other parameters is `idempotency_conflict`', async () => {
    const { gateway } = newGateway();
    const missing = await failureOf(gateway.retrieveIntent('pi_does_not_exist'));
    expect(missing.kind).toBe('not_found');
    await newIntent(gateway, 'intent-3', 1_000);
    const conflict = await failureOf(newIntent(gateway, 'intent-3', 2_000));
    expect(conflict.kind).toBe('idempotency_conflict');
    expect(isFinalRefusal(conflict)).toBe(false);
  });

  it('refunds come back tagged with Lanyard’s refund, listed by charge and readable by id', async () => {
    const { gateway } = newGateway();
    const intent = await newIntent(gateway, 'intent-4');
    const paid = await gateway.confirmIntent(intent.id, 'pm_card_visa', 'confirm-4');
    const refund = await gateway.createRefund({
      intentId: intent.id,
      amount: 1_000,
      tags: { refundId: 'lanyard-refund-1', orderId: TAGS.orderId },
      idempotencyKey: 'refund-4',
    });
    expect(refund).toMatchObject({
      intentId: intent.id,
      amount: 1_000,
      status: 'succeeded',
      failureReason: '',
      lanyardRefundId: 'lanyard-refund-1',
    });
    expect(await gateway.retrieveRefund(refund.id)).toEqual(refund);
    expect(await gateway.listChargeRefunds(paid.chargeId ?? '')).toEqual([refund]);
    const tooMuch = await failureOf(
      gateway.createRefund({
        intentId: intent.id,
        amount: 5_000,
        tags: { refundId: 'lanyard-refund-2', orderId: TAGS.orderId },
        idempotencyKey: 'refund-5',
      }),
    );
    expect(tooMuch.kind).toBe('invalid_request');
    expect(isFinalRefusal(tooMuch)).toBe(true);
  });

  it('an unreachable provider is `unavailable` (try later), not a refusal', async () => {
    const client = createStripeClient('sk_test_unreachable', {
      host: '127.0.0.1',
      port: 1,
      protocol: 'http',
    });
    const gateway = stripeGateway(client, {
      publishableKey: '',
      webhookSecret: '',
      testMode: false,
    });
    const down = await failureOf(gateway.retrieveIntent('pi_any'));
    expect(down.kind).toBe('unavailable');
    expect(isFinalRefusal(down)).toBe(false);
    expect(gateway.acceptsWebhooks).toBe(false);
  });
});

describe('Stripe webhooks through the gateway', () => {
  it('verifies the signature first, then the shape, and keeps the payload whole', () => {
    const { account, gateway } = newGateway();
    const body = JSON.stringify({
      id: 'evt_1',
      type: 'payment_intent.canceled',
      created: 1_700_000_000,
      livemode: false,
      api_version: '2026-10-28.endive',
      data: { object: { id: 'pi_1' } },
    });
    const checked = gateway.verifyWebhook(body, account.signatureFor(body));
    expect(checked).toMatchObject({
      ok: true,
      event: {
        id: 'evt_1',
        type: 'payment_intent.canceled',
        created: new Date(1_700_000_000_000),
        apiVersion: '2026-10-28.endive',
      },
    });
    expect(checked.ok && checked.event.payload).toEqual(JSON.parse(body));
    expect(gateway.verifyWebhook(body, account.signatureFor(body, 'invalid'))).toEqual({
      ok: false,
      problem: 'signature',
    });
    expect(gateway.verifyWebhook(body, account.signatureFor(body, 'expired')).ok).toBe(false);
    expect(gateway.verifyWebhook(body, undefined)).toEqual({ ok: false, problem: 'signature' });
    const notJson = 'not json';
    expect(gateway.verifyWebhook(notJson, account.signatureFor(notJson))).toEqual({
      ok: false,
      problem: 'not_an_event',
      details: { reason: 'not JSON' },
    });
  });

  it('lists the account’s events oldest first and reads each into Lanyard’s event union', async () => {
    const { account, gateway } = newGateway();
    const since = new Date(Date.now() - 60_000);
    const intent = await newIntent(gateway, 'intent-6');
    account.succeedPaymentIntent(intent.id);
    const paid = await gateway.retrieveIntent(intent.id);
    account.refundFromDashboard(paid.chargeId ?? '', 500);
    const dispute = account.createDispute(paid.chargeId ?? '');
    const events = await gateway.listEvents(since);
    const read = events.map((event) => readStripeEvent(event.payload));
    const kinds = read.map((event) => event.kind);
    expect(kinds.indexOf('payment_succeeded')).toBeLessThan(kinds.indexOf('charge_refunded'));
    expect(read).toEqual(
      expect.arrayContaining([
        {
          kind: 'payment_succeeded',
          intent: expect.objectContaining({ id: intent.id, orderId: TAGS.orderId }),
        },
        {
          kind: 'charge_refunded',
          charge: {
            chargeId: paid.chargeId,
            intentId: intent.id,
            paid: true,
            amount: 2_500,
            currency: 'EUR',
          },
        },
        {
          kind: 'refund_updated',
          refund: expect.objectContaining({
            intentId: intent.id,
            amount: 500,
            lanyardRefundId: null,
          }),
        },
        {
          kind: 'dispute_opened',
          dispute: expect.objectContaining({
            id: dispute.id,
            intentId: intent.id,
            chargeId: paid.chargeId,
          }),
        },
      ]),
    );
    expect(
      readStripeEvent({ id: 'evt_x', type: 'customer.created', data: { object: {} } }),
    ).toEqual({
      kind: 'ignored',
      type: 'customer.created',
    });
  });
});
