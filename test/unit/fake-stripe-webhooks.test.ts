import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeStripe,
  signPayload,
  startFakeStripe,
  stripeClientOptions,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';

// Deliveries are checked the way Lanyard's webhook route will check them: with the SDK's
// constructEvent over the raw body. No test sleeps; each waits on `idle()` or a returned promise.

interface Receipt {
  eventId: string | null;
  type: string | null;
  error: string | null;
  status: number;
}

interface Receiver {
  url: string;
  receipts: Receipt[];
  verified(): Stripe.Event[];
  close(): Promise<void>;
}

/** Answers each verified event with `answer(n)`, n counting from 0; a bad signature gets 400. */
async function startReceiver(
  secret: string,
  answer: (n: number) => number = () => 200,
): Promise<Receiver> {
  const receipts: Receipt[] = [];
  const events: Stripe.Event[] = [];
  const verifier = new Stripe('sk_test_receiver_only');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = String(req.headers['stripe-signature'] ?? '');
      try {
        const event = verifier.webhooks.constructEvent(raw, header, secret);
        const status = answer(events.length);
        events.push(event);
        receipts.push({ eventId: event.id, type: event.type, error: null, status });
        res.writeHead(status).end();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        receipts.push({ eventId: null, type: null, error: message, status: 400 });
        res.writeHead(400).end(message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe/conf`,
    receipts,
    verified: () => [...events],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let fake: RunningFakeStripe;
const receivers: Receiver[] = [];

beforeAll(async () => {
  fake = await startFakeStripe();
});

afterEach(async () => {
  await fake.idle();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

afterAll(async () => {
  await fake.stop();
});

async function setUp(answer?: (n: number) => number) {
  const account = fake.createAccount();
  const receiver = await startReceiver(account.webhookSecret, answer);
  receivers.push(receiver);
  account.addWebhookEndpoint(receiver.url);
  const stripe = new Stripe(account.secretKey, {
    ...stripeClientOptions(fake),
    maxNetworkRetries: 0,
  });
  return { account, receiver, stripe };
}

async function pay(stripe: Stripe): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({
    amount: 2000,
    currency: 'eur',
    confirm: true,
    payment_method: 'pm_card_visa',
  });
}

const PAYMENT_EVENTS = ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded'];

describe('fake Stripe webhooks: automatic delivery', () => {
  it('delivers every event in order, signed so constructEvent accepts it', async () => {
    const { account, receiver, stripe } = await setUp();
    const intent = await pay(stripe);
    await account.idle();

    expect(receiver.receipts.every((receipt) => receipt.error === null)).toBe(true);
    expect(receiver.verified().map((event) => event.type)).toEqual(PAYMENT_EVENTS);
    const succeeded = receiver.verified()[2];
    expect(succeeded?.data.object).toMatchObject({ id: intent.id, status: 'succeeded' });
    expect(account.deliveries().map((d) => [d.type, d.status, d.attempt])).toEqual(
      PAYMENT_EVENTS.map((type) => [type, 200, 1]),
    );
    expect(account.events().map((event) => event.pending_webhooks)).toEqual([0, 0, 0]);
  });

  it('signs exactly like the SDK’s own test header', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event' });
    const secret = 'whsec_test_secret';
    const timestamp = 1_700_000_000;
    const sdkHeader = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
    expect(signPayload(payload, secret, timestamp)).toBe(sdkHeader);
  });

  it('delivers what the test helpers cause, and only the types an endpoint asked for', async () => {
    const { account, receiver, stripe } = await setUp();
    const narrow = await startReceiver(account.webhookSecret);
    receivers.push(narrow);
    account.addWebhookEndpoint(narrow.url, { enabledEvents: ['charge.dispute.*'] });
    const intent = await pay(stripe);
    account.createDispute(String(intent.latest_charge));
    await account.idle();
    expect(receiver.verified().map((event) => event.type)).toEqual([
      ...PAYMENT_EVENTS,
      'charge.dispute.created',
    ]);
    expect(narrow.verified().map((event) => event.type)).toEqual(['charge.dispute.created']);
  });

  it('waits for every account with fake.idle() and records each attempt', async () => {
    const first = await setUp();
    const second = await setUp();
    await Promise.all([first.stripe.customers.create({}), second.stripe.customers.create({})]);
    await fake.idle();
    expect(first.receiver.verified()).toHaveLength(1);
    expect(second.receiver.verified()).toHaveLength(1);
    const accountIds = fake.deliveries().map((attempt) => attempt.accountId);
    expect(accountIds).toEqual(expect.arrayContaining([first.account.id, second.account.id]));
  });
});

describe('fake Stripe webhooks: held deliveries', () => {
  async function heldPayment() {
    const setup = await setUp();
    setup.account.holdDeliveries();
    await pay(setup.stripe);
    await setup.account.idle();
    expect(setup.receiver.receipts).toHaveLength(0);
    expect(setup.account.heldEvents().map((event) => event.type)).toEqual(PAYMENT_EVENTS);
    return setup;
  }

  it('delivers held events in reverse order', async () => {
    const { account, receiver } = await heldPayment();
    const attempts = await account.deliver({ order: 'reversed' });
    expect(attempts.map((attempt) => attempt.type)).toEqual([...PAYMENT_EVENTS].reverse());
    expect(receiver.verified().map((event) => event.type)).toEqual([...PAYMENT_EVENTS].reverse());
    expect(account.heldEvents()).toHaveLength(0);
  });

  it('delivers duplicates, one after another or all at once', async () => {
    const { account, receiver } = await heldPayment();
    await account.deliver({
      duplicates: 1,
      only: (event) => event.type !== 'payment_intent.succeeded',
    });
    expect(receiver.verified().map((event) => event.type)).toEqual([
      'payment_intent.created',
      'payment_intent.created',
      'charge.succeeded',
      'charge.succeeded',
    ]);
    expect(account.heldEvents().map((event) => event.type)).toEqual(['payment_intent.succeeded']);

    const [succeeded] = account.heldEvents();
    const concurrent = await account.deliver({ duplicates: 3, concurrently: true });
    expect(concurrent).toHaveLength(4);
    const copies = receiver.verified().filter((event) => event.id === succeeded?.id);
    expect(copies).toHaveLength(4);
  });

  it('orders by a custom comparison', async () => {
    const { account, receiver } = await heldPayment();
    await account.deliver({ order: (a, b) => a.type.localeCompare(b.type) });
    expect(receiver.verified().map((event) => event.type)).toEqual([...PAYMENT_EVENTS].sort());
  });

  it('redelivers one event several times, concurrently', async () => {
    const { account, receiver, stripe } = await setUp();
    const customer = await stripe.customers.create({});
    await account.idle();
    const [event] = account.events({ type: 'customer.created' });
    const attempts = await account.redeliver(String(event?.id), { times: 3, concurrently: true });
    expect(attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200]);
    const copies = receiver.verified().filter((received) => received.id === event?.id);
    expect(copies).toHaveLength(4);
    expect(copies.every((copy) => (copy.data.object as { id: string }).id === customer.id)).toBe(
      true,
    );
  });

  it('sends held events when deliveries resume', async () => {
    const { account, receiver } = await heldPayment();
    await account.resumeDeliveries();
    expect(receiver.verified().map((event) => event.type)).toEqual(PAYMENT_EVENTS);
  });
});

describe('fake Stripe webhooks: failures and retries', () => {
  it('retries a 500 immediately, up to maxAttempts', async () => {
    const { account, receiver, stripe } = await setUp((n) => (n < 2 ? 500 : 200));
    account.setRetryPolicy({ maxAttempts: 3 });
    await stripe.customers.create({});
    await account.idle();
    expect(account.deliveries().map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(new Set(receiver.verified().map((event) => event.id)).size).toBe(1);
  });

  it('gives up after maxAttempts and leaves the event pending', async () => {
    const { account, stripe } = await setUp(() => 500);
    account.setRetryPolicy({ maxAttempts: 2 });
    await stripe.customers.create({});
    await account.idle();
    expect(account.deliveries().map((d) => d.attempt)).toEqual([1, 2]);
    expect(account.events()[0]?.pending_webhooks).toBe(1);
  });

  it('keeps failed deliveries for flushRetries() when asked to', async () => {
    const { account, receiver, stripe } = await setUp((n) => (n === 0 ? 503 : 200));
    account.setRetryPolicy({ maxAttempts: 3, retry: 'on-flush' });
    await stripe.customers.create({});
    await account.idle();
    expect(account.pendingRetries()).toEqual([
      expect.objectContaining({ type: 'customer.created', attempt: 2 }),
    ]);
    const retried = await account.flushRetries();
    expect(retried.map((d) => [d.attempt, d.status])).toEqual([[2, 200]]);
    expect(account.pendingRetries()).toHaveLength(0);
    expect(receiver.verified()).toHaveLength(2);
  });

  it('records an unreachable endpoint as a failed attempt', async () => {
    const account = fake.createAccount({ holdDeliveries: true });
    const gone = await startReceiver(account.webhookSecret);
    await gone.close();
    account.addWebhookEndpoint(gone.url);
    const stripe = new Stripe(account.secretKey, {
      ...stripeClientOptions(fake),
      maxNetworkRetries: 0,
    });
    await stripe.customers.create({});
    const [attempt] = await account.deliver();
    expect(attempt).toMatchObject({ status: null, ok: false });
    expect(attempt?.error).toEqual(expect.any(String));
  });
});

describe('fake Stripe webhooks: signatures a receiver must refuse', () => {
  it('fails verification for invalid, wrong-secret and expired signatures', async () => {
    const { account, receiver, stripe } = await setUp();
    account.holdDeliveries();
    await stripe.customers.create({});
    const [event] = account.heldEvents();
    await account.deliver({ signature: 'invalid' });
    await account.redeliver(String(event?.id), { signature: 'wrong-secret' });
    await account.redeliver(String(event?.id), { signature: 'expired' });
    expect(receiver.verified()).toHaveLength(0);
    expect(receiver.receipts.map((receipt) => receipt.error)).toEqual([
      expect.stringContaining('No signatures found'),
      expect.stringContaining('No signatures found'),
      expect.stringContaining('Timestamp outside the tolerance zone'),
    ]);
    expect(account.deliveries().map((d) => [d.signature, d.status])).toEqual([
      ['invalid', 400],
      ['wrong-secret', 400],
      ['expired', 400],
    ]);
    await account.redeliver(String(event?.id));
    expect(receiver.verified()).toHaveLength(1);
  });

  it('signs arbitrary payloads for hand-made requests', () => {
    const account = fake.createAccount();
    const verifier = new Stripe('sk_test_receiver_only');
    const payload = JSON.stringify({
      id: 'evt_handmade',
      object: 'event',
      type: 'charge.refunded',
    });
    const good = account.signatureFor(payload);
    expect(verifier.webhooks.constructEvent(payload, good, account.webhookSecret).id).toBe(
      'evt_handmade',
    );
    const bad = account.signatureFor(payload, 'invalid');
    expect(() => verifier.webhooks.constructEvent(payload, bad, account.webhookSecret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('can sign every delivery to one endpoint badly', async () => {
    const account = fake.createAccount();
    const receiver = await startReceiver(account.webhookSecret);
    receivers.push(receiver);
    account.addWebhookEndpoint(receiver.url, { signature: 'wrong-secret' });
    account.addWebhookEndpoint(receiver.url);
    const stripe = new Stripe(account.secretKey, {
      ...stripeClientOptions(fake),
      maxNetworkRetries: 0,
    });
    await stripe.customers.create({});
    await account.idle();
    expect(receiver.receipts.map((receipt) => receipt.status).sort()).toEqual([200, 400]);
  });
});

describe('fake Stripe mounted in-process', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('serves the SDK from a plain request handler, and answers dispatch() directly', async () => {
    const inProcess = createFakeStripe();
    const account = inProcess.createAccount({ secretKey: 'sk_test_lanyard_conf_a' });
    server = createServer(inProcess.handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const stripe = new Stripe(account.secretKey, {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const customer = await stripe.customers.create({ email: 'desk@example.org' });
    expect(inProcess.account('sk_test_lanyard_conf_a')?.customer(customer.id)?.email).toBe(
      'desk@example.org',
    );

    const response = inProcess.dispatch({
      method: 'GET',
      url: `/v1/customers/${customer.id}`,
      headers: { authorization: `Bearer ${account.secretKey}` },
      body: '',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ id: customer.id, object: 'customer' });
  });
});
