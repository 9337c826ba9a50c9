import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { payments, type Order } from '../../db/schema/index.ts';
import { insertPayment, markOrderPaid } from '../orders/index.ts';
import { listUsableCredits } from './balances.ts';

export interface CreditApplication {
  applied: number;
  order: Order;
}

/**
 * CRED-4 / D4.8: pay a pending order from the buyer's credits, one CREDIT payment per credit used,
 * until the order is covered or the credits run out. The caller holds the buyer's lock, so two
 * checkouts cannot spend the same balance.
 */
export async function applyCreditsToOrder(
  tx: Database,
  order: Order,
  now: Date,
): Promise<CreditApplication> {
  const [paid] = await tx
    .select({ sum: sql<string>`coalesce(sum(${payments.amount}), 0)` })
    .from(payments)
    .where(sql`${payments.orderId} = ${order.id} AND ${payments.status} = 'succeeded'`);
  let due = order.total - Number(paid?.sum ?? 0);
  let applied = 0;
  for (const balance of await listUsableCredits(tx, order.userId, order.conferenceId, now)) {
    if (due <= 0) break;
    const amount = Math.min(balance.remaining, due);
    await insertPayment(tx, {
      orderId: order.id,
      conferenceId: order.conferenceId,
      method: 'credit',
      status: 'succeeded',
      amount,
      currency: order.currency,
      creditId: balance.credit.id,
      createdAt: now,
      updatedAt: now,
    });
    due -= amount;
    applied += amount;
  }
  if (applied > 0 && due <= 0) {
    const result = await markOrderPaid(tx, order.id, now);
    if (result.transitioned) return { applied, order: result.order };
  }
  return { applied, order };
}
