import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { orders, type Order } from '../../db/schema/index.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { orderErrors } from './errors.ts';

export interface MoneyFacts {
  /** Succeeded payments of every method, in minor units. */
  paid: number;
  /** Succeeded refunds, in minor units. */
  refunded: number;
}

/** Paid and refunded sums of one order, in one statement. */
export async function loadMoneyFacts(db: Database, orderId: string): Promise<MoneyFacts> {
  const [row] = await queryRows<{ paid: string; refunded: string }>(
    db,
    sql`SELECT
      (SELECT coalesce(sum(amount), 0) FROM payments WHERE order_id = ${orderId} AND status = 'succeeded') AS paid,
      (SELECT coalesce(sum(amount), 0) FROM refunds WHERE order_id = ${orderId} AND status = 'succeeded') AS refunded`,
  );
  return { paid: Number(row?.paid ?? 0), refunded: Number(row?.refunded ?? 0) };
}

/** The order row under a row lock: every money transition of one order runs one at a time. */
export async function lockOrder(
  tx: Database,
  where: { id: string } | { reference: string; conferenceId: string },
): Promise<Order | undefined> {
  const condition =
    'id' in where
      ? eq(orders.id, where.id)
      : and(eq(orders.reference, where.reference), eq(orders.conferenceId, where.conferenceId));
  const [order] = await tx.select().from(orders).where(condition).for('update');
  return order;
}

/**
 * The buyer's own order in the URL's conference, locked (D6.2): another buyer's order, or one of
 * another conference, is not found rather than forbidden, so references cannot be probed.
 */
export async function lockBuyerOrderOrThrow(
  tx: Database,
  input: { buyerId: string; conferenceId: string; reference: string },
): Promise<Order> {
  const order = await lockOrder(tx, {
    reference: normaliseCode(input.reference),
    conferenceId: input.conferenceId,
  });
  if (!order || order.userId !== input.buyerId)
    throw orderErrors('ORDER_NOT_FOUND', { reference: input.reference });
  return order;
}

/** D2.6: money that could not be applied automatically; staff see the flag and the reason. */
export async function flagOrder(
  tx: Database,
  orderId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await tx
    .update(orders)
    .set({
      needsAttention: true,
      attentionReason: sql`CASE WHEN ${orders.attentionReason} = '' THEN ${reason}
        ELSE ${orders.attentionReason} || E'\n' || ${reason} END`,
      updatedAt: now,
    })
    .where(eq(orders.id, orderId));
}
