import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import {
  orders,
  payments,
  type Conference,
  type Order,
  type Payment,
} from '../../db/schema/index.ts';
import type { StripeAccount, StripeAccounts } from '../../integrations/stripe/index.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { orderErrors } from '../orders/index.ts';
import { paymentErrors } from './errors.ts';
import { loadMoneyFacts } from './money-facts.ts';
import { callStripe, cancelAttemptIntent } from './stripe-calls.ts';
import { ensureStripeCustomer } from './stripe-customers.ts';

export interface CardPaymentStart {
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  amount: number;
  currency: string;
  /** The account is Lanyard's stand-in: pay with a test card, no money moves. */
  testMode: boolean;
}

export interface StartCardPaymentInput {
  buyerId: string;
  conference: Conference;
  reference: string;
  now: Date;
}

/** Intents in these states can still be paid; a declined card returns its intent to the first. */
const REUSABLE: ReadonlySet<Stripe.PaymentIntent.Status> = new Set([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
]);

async function payableOrder(db: Database, input: StartCardPaymentInput): Promise<Order> {
  const [order] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.reference, normaliseCode(input.reference)),
        eq(orders.conferenceId, input.conference.id),
        eq(orders.userId, input.buyerId),
      ),
    );
  if (!order) throw orderErrors('ORDER_NOT_FOUND', { reference: input.reference });
  if (order.status !== 'pending')
    throw paymentErrors('ORDER_NOT_PAYABLE', { status: order.status });
  if (order.holdExpiresAt && order.holdExpiresAt <= input.now) throw paymentErrors('HOLD_EXPIRED');
  return order;
}

function startOf(account: StripeAccount, intent: Stripe.PaymentIntent): CardPaymentStart {
  if (!intent.client_secret) throw new Error(`payment intent ${intent.id} has no client secret`);
  return {
    paymentIntentId: intent.id,
    clientSecret: intent.client_secret,
    publishableKey: account.publishableKey,
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    testMode: account.testMode,
  };
}

/**
 * D4.3 step one: record the attempt before calling Stripe. Two clicks at once draw the same key
 * (amount due + how many attempts were superseded), so they share one row, and through the row's
 * id as Stripe idempotency key, one PaymentIntent (D4.2).
 */
async function recordAttempt(db: Database, order: Order, due: number, now: Date): Promise<Payment> {
  const [superseded] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(payments)
    .where(
      and(
        eq(payments.orderId, order.id),
        eq(payments.method, 'stripe'),
        eq(payments.status, 'cancelled'),
      ),
    );
  const key = `card:${due}:${superseded?.n ?? 0}`;
  await db
    .insert(payments)
    .values({
      orderId: order.id,
      conferenceId: order.conferenceId,
      method: 'stripe',
      status: 'pending',
      amount: due,
      currency: order.currency,
      idempotencyKey: key,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), eq(payments.idempotencyKey, key)));
  if (!row) throw new Error('payment attempt vanished');
  return row;
}

/** Earlier intents for another amount are cancelled at Stripe and locally, so only one can be paid. */
async function supersede(
  db: Database,
  account: StripeAccount,
  stale: readonly Payment[],
  now: Date,
): Promise<void> {
  for (const payment of stale) {
    await cancelAttemptIntent(account, payment);
    await db
      .update(payments)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, ['pending', 'failed'])));
  }
}

/**
 * PAY-3 without its races (payments W-9): one PaymentIntent per order and amount, created on
 * demand, reused on retry (also after a decline), superseded ones cancelled. No Stripe call
 * happens inside a transaction (D4.3).
 */
export async function startCardPayment(
  db: Database,
  accounts: StripeAccounts,
  input: StartCardPaymentInput,
): Promise<CardPaymentStart> {
  const order = await payableOrder(db, input);
  const { paid } = await loadMoneyFacts(db, order.id);
  const due = order.total - paid;
  if (due <= 0) throw paymentErrors('NOTHING_DUE');
  const account = await accounts.forConference(input.conference);
  if (!account) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');

  const open = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.orderId, order.id),
        eq(payments.method, 'stripe'),
        inArray(payments.status, ['pending', 'failed']),
      ),
    )
    .orderBy(desc(payments.createdAt));
  const stale = open.filter((p) => p.amount !== due);
  const attempt = await recordAttempt(db, order, due, input.now);

  let intent: Stripe.PaymentIntent | null = null;
  if (attempt.stripePaymentIntentId) {
    const known = attempt.stripePaymentIntentId;
    intent = await callStripe(() => account.client.paymentIntents.retrieve(known));
    if (!REUSABLE.has(intent.status)) intent = null;
  }
  if (!intent) {
    const customer = await ensureStripeCustomer(db, account, input.conference, order.userId);
    intent = await callStripe(() =>
      account.client.paymentIntents.create(
        {
          amount: due,
          currency: order.currency.toLowerCase(),
          customer,
          automatic_payment_methods: { enabled: true },
          description: `Order ${order.reference} for ${input.conference.name}`,
          metadata: {
            order_id: order.id,
            order_reference: order.reference,
            conference_id: input.conference.id,
            conference_slug: input.conference.slug,
            payment_id: attempt.id,
          },
        },
        { idempotencyKey: `lanyard-payment-${attempt.id}` },
      ),
    );
    await db
      .update(payments)
      .set({ stripePaymentIntentId: intent.id, updatedAt: input.now })
      .where(and(eq(payments.id, attempt.id), isNull(payments.stripePaymentIntentId)));
  }
  if (attempt.status === 'failed') {
    await db
      .update(payments)
      .set({ status: 'pending', updatedAt: input.now })
      .where(and(eq(payments.id, attempt.id), eq(payments.status, 'failed')));
  }
  await supersede(db, account, stale, input.now);
  return startOf(account, intent);
}
