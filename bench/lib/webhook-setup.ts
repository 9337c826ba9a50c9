import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../src/config/secret-box.ts';
import type { Database } from '../../src/db/client.ts';
import {
  orderLines,
  orders,
  payments,
  users,
  type Conference,
  type TicketType,
} from '../../src/db/schema/index.ts';
import { setStripeCredentials } from '../../src/services/payments/index.ts';
import { makeConference, makeTicketType } from '../../test/factories/index.ts';

/** One key for the run: the bench encrypts the conference's Stripe keys with it, the servers decrypt. */
export function benchSecretKeyHex(): string {
  return randomBytes(32).toString('hex');
}

/** An order waiting for its card payment, and the PaymentIntent that will pay it. */
export interface PendingOrder {
  orderId: string;
  intentId: string;
  amount: number;
}

export interface PreparedWebhooks {
  conference: Conference;
  webhookSecret: string;
  orders: PendingOrder[];
}

const PRICE = 4_200;
/** Rows per INSERT: well below PostgreSQL's 65 535 bind parameters for the widest table here. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function insertOrders(
  db: Database,
  conference: Conference,
  ticketType: TicketType,
  tag: string,
  count: number,
): Promise<PendingOrder[]> {
  const holdExpiresAt = new Date(Date.now() + 24 * 3_600_000);
  const prepared: PendingOrder[] = [];
  const indexes = Array.from({ length: count }, (_, i) => i);
  for (const batch of chunks(indexes)) {
    const buyers = await db
      .insert(users)
      .values(batch.map((i) => ({ email: `wh-${tag}-${i}@example.org`, passwordHash: null })))
      .returning({ id: users.id });
    const placed = await db
      .insert(orders)
      .values(
        buyers.map((buyer, j) => ({
          conferenceId: conference.id,
          userId: buyer.id,
          status: 'pending' as const,
          reference: `WH-${tag}-${batch[j] ?? j}`.toUpperCase(),
          currency: conference.currency,
          subtotal: PRICE,
          total: PRICE,
          holdExpiresAt,
          billingName: 'Webhook Buyer',
          billingEmail: 'webhook-buyer@example.org',
        })),
      )
      .returning({ id: orders.id });
    await db.insert(orderLines).values(
      placed.map((order) => ({
        orderId: order.id,
        conferenceId: conference.id,
        productKind: 'ticket' as const,
        ticketTypeId: ticketType.id,
        description: ticketType.name,
        quantity: 1,
        unitPrice: PRICE,
        lineTotal: PRICE,
      })),
    );
    const rows = placed.map((order, j) => ({
      orderId: order.id,
      intentId: `pi_bench_${tag}_${batch[j] ?? j}`,
      amount: PRICE,
    }));
    await db.insert(payments).values(
      rows.map((row) => ({
        orderId: row.orderId,
        conferenceId: conference.id,
        method: 'stripe' as const,
        status: 'pending' as const,
        amount: row.amount,
        currency: conference.currency,
        stripePaymentIntentId: row.intentId,
      })),
    );
    prepared.push(...rows);
  }
  return prepared;
}

/**
 * A conference with its Stripe keys stored encrypted (as staff would set them) and `count`
 * pending orders of one ticket each, holds a day ahead, each with its pending card payment.
 * Rows go in directly, a few hundred per statement: none of this is on the clock.
 */
export async function prepareWebhooks(
  db: Database,
  secretKeyHex: string,
  count: number,
  name: string,
): Promise<PreparedWebhooks> {
  const conference = await makeConference(db, { name, totalCapacity: 0 });
  const ticketType = await makeTicketType(db, conference, { name: 'Webhook seat', price: PRICE });
  const tag = randomBytes(4).toString('hex');
  const webhookSecret = `whsec_bench_${tag}`;
  await setStripeCredentials(
    db,
    createSecretBox(Buffer.from(secretKeyHex, 'hex')),
    conference.id,
    {
      secretKey: `sk_test_bench_${tag}`,
      publishableKey: `pk_test_bench_${tag}`,
      webhookSecret,
    },
    new Date(),
    { actor: { kind: 'operator' } },
  );
  const pending = await insertOrders(db, conference, ticketType, tag, count);
  return { conference, webhookSecret, orders: pending };
}
