import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  orders,
  payments,
  type Conference,
  type Order,
  type Payment,
} from '../../db/schema/index.ts';
import {
  isGatewayError,
  type CardIntent,
  type PaymentGateway,
  type PaymentGateways,
} from '../../integrations/payments/index.ts';
import { normaliseCode } from '../../domain/codes.ts';
import {
  insertPaymentAttempt,
  loadMoneyFacts,
  orderErrors,
  transitionPayments,
} from '../orders/index.ts';
import { paymentErrors } from './errors.ts';
import { callGateway, cancelAttemptIntent } from './gateway-calls.ts';
import { ensureGatewayCustomer } from './gateway-customers.ts';

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

function startOf(gateway: PaymentGateway, intent: CardIntent): CardPaymentStart {
  if (!intent.clientSecret) throw new Error(`payment intent ${intent.id} has no client secret`);
  return {
    paymentIntentId: intent.id,
    clientSecret: intent.clientSecret,
    publishableKey: gateway.publishableKey,
    amount: intent.amount,
    currency: intent.currency,
    testMode: gateway.testMode,
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
  await insertPaymentAttempt(db, {
    orderId: order.id,
    conferenceId: order.conferenceId,
    method: 'stripe',
    status: 'pending',
    amount: due,
    currency: order.currency,
    idempotencyKey: key,
    createdAt: now,
    updatedAt: now,
  });
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
  gateway: PaymentGateway,
  stale: readonly Payment[],
  now: Date,
): Promise<void> {
  for (const payment of stale) {
    await cancelAttemptIntent(gateway, payment);
    await transitionPayments(
      db,
      { paymentId: payment.id },
      { from: ['pending', 'failed'], to: 'cancelled', now },
    );
  }
}

/**
 * The attempt's intent if it can still take (or already holds) the buyer's money; `replace` when
 * the provider no longer knows it (the conference's keys changed, or TEST MODE lost its stand-in) or
 * it was cancelled: paying it is impossible, so the order needs a new one.
 */
async function intentOfAttempt(
  gateway: PaymentGateway,
  attempt: Payment,
): Promise<CardIntent | 'replace' | null> {
  const known = attempt.stripePaymentIntentId;
  if (!known) return attempt.status === 'cancelled' ? 'replace' : null;
  const intent = await callGateway(() =>
    gateway.retrieveIntent(known).catch((error: unknown) => {
      if (isGatewayError(error, 'not_found')) return null;
      throw error;
    }),
  );
  if (!intent) return 'replace';
  if (attempt.status === 'cancelled' || intent.status === 'cancelled') return 'replace';
  // A succeeded or authorised intent holds money: never start a second one beside it.
  return intent;
}

/** An attempt whose intent cannot be paid ends cancelled, so no page shows it as pending. */
async function retireAttempt(db: Database, attempt: Payment, now: Date): Promise<void> {
  await transitionPayments(
    db,
    { paymentId: attempt.id },
    { from: ['pending', 'failed'], to: 'cancelled', now },
  );
}

/** D4.3 steps three and four: create with the attempt's key, then record the intent on it. */
async function createIntent(
  db: Database,
  gateway: PaymentGateway,
  input: StartCardPaymentInput,
  order: Order,
  attempt: Payment,
): Promise<CardIntent> {
  const create = (customerId: string, idempotencyKey: string) =>
    gateway.createIntent({
      amount: attempt.amount,
      currency: order.currency,
      customerId,
      description: `Order ${order.reference} for ${input.conference.name}`,
      tags: {
        orderId: order.id,
        orderReference: order.reference,
        conferenceId: input.conference.id,
        conferenceSlug: input.conference.slug,
        paymentId: attempt.id,
      },
      idempotencyKey,
    });
  const customer = await ensureGatewayCustomer(db, gateway, input.conference, order.userId);
  const key = `lanyard-payment-${attempt.id}`;
  const intent = await callGateway(async () => {
    try {
      return await create(customer, key);
    } catch (error) {
      // The customer was made under other keys: make it anew under these, then retry once.
      if (!isGatewayError(error, 'not_found') || error.param !== 'customer') throw error;
      const fresh = await ensureGatewayCustomer(
        db,
        gateway,
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
 * the provider no longer knows it or it was cancelled. No Stripe call happens inside a transaction
 * (D4.3).
 */
export async function startCardPayment(
  db: Database,
  gateways: PaymentGateways,
  input: StartCardPaymentInput,
): Promise<CardPaymentStart> {
  const order = await payableOrder(db, input);
  const { paid } = await loadMoneyFacts(db, order.id);
  const due = order.total - paid;
  if (due <= 0) throw paymentErrors('NOTHING_DUE');
  const gateway = await gateways.forConference(input.conference);
  if (!gateway) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');

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
  let intent = await intentOfAttempt(gateway, attempt);
  if (intent === 'replace') {
    // Retiring it moves the attempt key on, so every concurrent start lands on one new attempt.
    await retireAttempt(db, attempt, input.now);
    attempt = await recordAttempt(db, order, due, input.now);
    intent = null;
  }
  intent ??= await createIntent(db, gateway, input, order, attempt);
  if (attempt.status === 'failed') {
    await transitionPayments(
      db,
      { paymentId: attempt.id },
      { from: ['failed'], to: 'pending', now: input.now },
    );
  }
  await supersede(db, gateway, stale, input.now);
  return startOf(gateway, intent);
}
