import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.ts';

interface TicketType {
  id: string;
  slug: string;
  saleState: string;
  requiresVoucher: boolean;
  price: number;
}

describe('TEST MODE out of the box (npm start without Stripe keys)', () => {
  it(
    'a buyer pays with a test card through the production path: PaymentIntent, webhook, paid order',
    { timeout: 240_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-test-mode-'));
      const env = { DATA_DIR: dataDir, BOOTSTRAP_EXAMPLE: 'true', NODE_ENV: 'development' };
      const server = await startServerProcess({ databaseUrl: '', env, startTimeoutMs: 120_000 });
      try {
        const health = (await (await fetch(`${server.url}/healthz`)).json()) as {
          testMode: boolean;
        };
        expect(health.testMode).toBe(true);
        const base = `${server.url}/api/v1/conferences/pycon-lanyard-2027`;
        const signUp = await fetch(`${server.url}/api/v1/auth/sign-up`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'grace@example.org', password: 'correct horse battery' }),
        });
        expect(signUp.status, await signUp.clone().text()).toBe(201);
        const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const call = async (method: string, path: string, body?: object) => {
          const response = await fetch(`${base}${path}`, {
            method,
            headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          return {
            status: response.status,
            json: (await response.json()) as Record<string, unknown>,
          };
        };
        const { ticketTypes } = (await (await fetch(`${base}/ticket-types`)).json()) as {
          ticketTypes: TicketType[];
        };
        const ticket = ticketTypes.find((t) => t.saleState === 'on_sale' && t.price > 0);
        if (!ticket) throw new Error('the example conference has no paid ticket on sale');
        expect(
          (await call('POST', '/cart/items', { ticketTypeId: ticket.id, quantity: 1 })).status,
        ).toBe(200);
        const placed = await call('POST', '/checkout', {
          billingName: 'Grace Hopper',
          billingEmail: 'grace@example.org',
          answers: { tshirt_size: 'M' },
        });
        expect(placed.status).toBe(201);
        const reference = String(placed.json['reference']);

        const started = await call('POST', `/orders/${reference}/payments/card`);
        expect(started.status).toBe(200);
        expect(started.json).toMatchObject({ testMode: true });
        const { paymentIntentId, clientSecret, publishableKey } = started.json as Record<
          string,
          string
        >;

        // What the storefront's test card form does: confirm like Stripe.js, with the publishable key.
        const confirmed = await fetch(
          `${server.url}/test-stripe/v1/payment_intents/${paymentIntentId}/confirm`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${publishableKey}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({
              payment_method: 'pm_card_visa',
              client_secret: clientSecret ?? '',
            }).toString(),
          },
        );
        expect(confirmed.status).toBe(200);
        expect(((await confirmed.json()) as { status: string }).status).toBe('succeeded');

        const returned = await call('POST', `/orders/${reference}/payments/card/confirm`, {
          paymentIntentId,
        });
        expect(returned.json).toEqual({ state: 'succeeded', message: '' });
        const order = await call('GET', `/orders/${reference}`);
        expect(order.json).toMatchObject({ status: 'paid' });
        expect(String(order.json['accessCode'])).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
        expect(order.json['payments']).toEqual([
          expect.objectContaining({
            method: 'stripe',
            status: 'succeeded',
            amount: placed.json['total'],
          }),
        ]);
      } finally {
        await server.stop();
      }
    },
  );

  it('is refused in production', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-test-mode-prod-'));
    const attempt = startServerProcess({
      databaseUrl: '',
      env: {
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        LANYARD_SECRET_KEY: 'a'.repeat(64),
        STRIPE_TEST_MODE: 'true',
      },
      startTimeoutMs: 60_000,
    });
    await expect(attempt).rejects.toThrow(/stand-in is refused in production/);
  });
});
