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
import { callStripe, cancelAttemptIntent, isResourceMissing } from './stripe-calls.ts';
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
 * The attempt's intent if it can still take (or already holds) the buyer's money; `replace` when
 * Stripe no longer knows it (the conference's keys changed, or TEST MODE lost its stand-in) or
 * it was cancelled: paying it is impossible, so the order needs a new one.
 */
async function intentOfAttempt(
  account: StripeAccount,
  attempt: Payment,
): Promise<Stripe.PaymentIntent | 'replace' | null> {
  const known = attempt.stripePaymentIntentId;
  if (!known) return attempt.status === 'cancelled' ? 'replace' : null;
  const intent = await callStripe(() =>
    account.client.paymentIntents.retrieve(known).catch((error: unknown) => {
      if (isResourceMissing(error)) return null;
      throw error;
    }),
  );
  if (!intent) return 'replace';
  if (attempt.status === 'cancelled' || intent.status === 'canceled') return 'replace';
  // A succeeded or authorised intent holds money: never start a second one beside it.
  return intent;
}

/** An attempt whose intent cannot be paid ends cancelled, so no page shows it as pending. */
async function retireAttempt(db: Database, attempt: Payment, now: Date): Promise<void> {
  await db
    .update(payments)
    .set({ status: 'cancelled', updatedAt: now })
    .where(and(eq(payments.id, attempt.id), inArray(payments.status, ['pending', 'failed'])));
}

/** D4.3 steps three and four: create with the attempt's key, then record the intent on it. */
async function createIntent(
  db: Database,
  account: StripeAccount,
  input: StartCardPaymentInput,
  order: Order,
  attempt: Payment,
): Promise<Stripe.PaymentIntent> {
  const create = (customer: string, key: string) =>
    account.client.paymentIntents.create(
      {
        amount: attempt.amount,
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
      { idempotencyKey: key },
    );
  const customer = await ensureStripeCustomer(db, account, input.conference, order.userId);
  const key = `lanyard-payment-${attempt.id}`;
  const intent = await callStripe(async () => {
    try {
      return await create(customer, key);
    } catch (error) {
      // The customer was made under other keys: make it anew under these, then retry once.
      if (!isResourceMissing(error, 'customer')) throw error;
      const fresh = await ensureStripeCustomer(
        db,
        account,
        input.conference,
        order.userId,
        customer,
      );
      return create(fresh, `${key}-for-${fresh}`);
    }
  });
  await db
    .update(payments)
    .set({ stripePaymentIntentId: intent.id, updatedAt: input.now })
    .where(and(eq(payments.id, attempt.id), isNull(payments.stripePaymentIntentId)));
  return intent;
}

/**
 * PAY-3 without its races (payments W-9): one PaymentIntent per order and amount, created on
 * demand, reused on retry (also after a decline), superseded ones cancelled, and replaced when
 * Stripe no longer knows it or it was cancelled. No Stripe call happens inside a transaction
 * (D4.3).
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
  let attempt = await recordAttempt(db, order, due, input.now);
  let intent = await intentOfAttempt(account, attempt);
  if (intent === 'replace') {
    // Retiring it moves the attempt key on, so every concurrent start lands on one new attempt.
    await retireAttempt(db, attempt, input.now);
    attempt = await recordAttempt(db, order, due, input.now);
    intent = null;
  }
  intent ??= await createIntent(db, account, input, order, attempt);
  if (attempt.status === 'failed') {
    await db
      .update(payments)
      .set({ status: 'pending', updatedAt: input.now })
      .where(and(eq(payments.id, attempt.id), eq(payments.status, 'failed')));
  }
  await supersede(db, account, stale, input.now);
  return startOf(account, intent);
}
