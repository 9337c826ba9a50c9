import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient, STRIPE_API_VERSION } from '../../src/integrations/stripe/index.ts';
import {
  startFakeStripe,
  stripeClientOptions,
  type FakeEvent,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';

// D4.11: the stand-in behaves like the API version Lanyard pins, so the project's own tests see
// what production sees. Each object it answers or sends in an event is compared with the SDK's
// type for that version: every required field present, nothing the version does not have.

interface Shape {
  required: Set<string>;
  known: Set<string>;
}

/** Required and known keys of each `Sdk*` alias in sdk-shapes.ts, read by the compiler. */
function sdkShapes(): Map<string, Shape> {
  const file = fileURLToPath(new URL('../fakes/stripe/sdk-shapes.ts', import.meta.url));
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error('sdk-shapes.ts did not load');
  const shapes = new Map<string, Shape>();
  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const properties = checker.getPropertiesOfType(checker.getTypeAtLocation(statement.name));
    shapes.set(statement.name.text, {
      required: new Set(
        properties.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name),
      ),
      known: new Set(properties.map((p) => p.name)),
    });
  }
  return shapes;
}

function shapeDrift(object: object, shape: Shape | undefined) {
  if (!shape) throw new Error('no SDK shape');
  const keys = Object.keys(object);
  return {
    missing: [...shape.required].filter((key) => !keys.includes(key)).sort(),
    unknown: keys.filter((key) => !shape.known.has(key)).sort(),
  };
}

const NO_DRIFT = { missing: [], unknown: [] };

let fake: RunningFakeStripe;
let shapes: Map<string, Shape>;

beforeAll(async () => {
  fake = await startFakeStripe();
  shapes = sdkShapes();
}, 60_000);

afterAll(async () => {
  await fake.stop();
});

describe('D4.11 the Stripe stand-in has the shapes of the pinned API version', () => {
  it('Lanyard pins the SDK version, and the stand-in answers and stamps events with it', async () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
    const account = fake.createAccount();
    const client = createStripeClient(account.secretKey, {
      host: fake.host,
      port: fake.port,
      protocol: fake.protocol,
    });
    const customer = await client.customers.create({ email: 'ada@example.org' });
    const [event] = account.events({ type: 'customer.created' });
    expect(event?.api_version).toBe(STRIPE_API_VERSION);
    expect(customer.lastResponse.headers['stripe-version']).toBe(STRIPE_API_VERSION);
  });

  it('customers, intents, charges, refunds and events carry the SDK type’s fields and no others', async () => {
    const account = fake.createAccount();
    const stripe = new Stripe(account.secretKey, {
      ...stripeClientOptions(fake),
      maxNetworkRetries: 0,
    });
    const customer = await stripe.customers.create({ email: 'ada@example.org', name: 'Ada' });
    const intent = await stripe.paymentIntents.create({
      amount: 12_000,
      currency: 'eur',
      customer: customer.id,
    });
    const declined = await stripe.paymentIntents
      .confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' })
      .catch((error: unknown) => error);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    const failed = await stripe.paymentIntents.retrieve(intent.id);
    const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const charge = await stripe.charges.retrieve(String(paid.latest_charge));
    const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 6_000 });
    account.refundFromDashboard(charge.id, 1_000, { pending: true });

    const drift = (object: object, alias: string) => shapeDrift(object, shapes.get(alias));
    expect(drift(customer, 'SdkCustomer')).toEqual(NO_DRIFT);
    for (const shown of [intent, failed, paid])
      expect(drift(shown, 'SdkPaymentIntent')).toEqual(NO_DRIFT);
    if (!failed.last_payment_error) throw new Error('the decline left no error');
    expect(drift(failed.last_payment_error, 'SdkLastPaymentError')).toEqual(NO_DRIFT);
    expect(drift(charge, 'SdkCharge')).toEqual(NO_DRIFT);
    expect(drift(refund, 'SdkRefund')).toEqual(NO_DRIFT);

    const aliasOf: Record<string, string> = {
      customer: 'SdkCustomer',
      payment_intent: 'SdkPaymentIntent',
      charge: 'SdkCharge',
      refund: 'SdkRefund',
    };
    const events: FakeEvent[] = account.events();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'customer.created',
        'payment_intent.created',
        'charge.failed',
        'payment_intent.payment_failed',
        'charge.succeeded',
        'payment_intent.succeeded',
        'refund.created',
        'charge.refunded',
      ]),
    );
    for (const event of events) {
      expect(drift(event, 'SdkEvent'), event.type).toEqual(NO_DRIFT);
      const object = event.data.object;
      expect(drift(object, aliasOf[object.object] ?? ''), event.type).toEqual(NO_DRIFT);
    }
  });

  it('since 2022-11-15 a charge and its charge.refunded event carry no refund list; listing finds them', async () => {
    const account = fake.createAccount();
    const stripe = new Stripe(account.secretKey, {
      ...stripeClientOptions(fake),
      maxNetworkRetries: 0,
    });
    const paid = await stripe.paymentIntents.create({
      amount: 12_000,
      currency: 'eur',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const chargeId = String(paid.latest_charge);
    const refund = account.refundFromDashboard(chargeId, 6_000);
    const [refunded] = account.events({ type: 'charge.refunded' });
    expect(refunded?.data.object).not.toHaveProperty('refunds');
    expect(refunded?.data.object).toMatchObject({ amount_refunded: 6_000, refunded: false });
    expect(paid).not.toHaveProperty('charges');
    expect(await stripe.charges.retrieve(chargeId)).not.toHaveProperty('refunds');
    const listed = await stripe.refunds.list({ charge: chargeId });
    expect(listed.data.map((r) => r.id)).toEqual([refund.id]);
  });
});
