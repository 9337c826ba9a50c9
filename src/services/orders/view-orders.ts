import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  attendees,
  orderLines,
  orders,
  payments,
  refunds,
  type Order,
  type OrderLine,
  type Payment,
  type Refund,
} from '../../db/schema/index.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { hasReceivedMoney } from './cancel-order.ts';
import { orderErrors } from './errors.ts';

export interface OrderDetail {
  order: Order;
  lines: OrderLine[];
  payments: Payment[];
  refunds: Refund[];
  /** The access code to show at the door, once the order made the buyer an attendee. */
  accessCode: string | null;
  /** D4.10: the buyer may cancel it themselves (pending, and no money received). */
  cancellable: boolean;
}

export function listBuyerOrders(
  db: Database,
  userId: string,
  conferenceId: string,
): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.conferenceId, conferenceId)))
    .orderBy(desc(orders.createdAt));
}

/** D6.2: a buyer reaches only their own orders; someone else's reference reads as not found. */
export async function getBuyerOrderOrThrow(
  db: Database,
  userId: string,
  conferenceId: string,
  reference: string,
): Promise<OrderDetail> {
  const [order] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.reference, normaliseCode(reference)),
        eq(orders.userId, userId),
        eq(orders.conferenceId, conferenceId),
      ),
    )
    .limit(1);
  if (!order) throw orderErrors('ORDER_NOT_FOUND', { reference });
  const [lines, paymentRows, refundRows, attendee] = await Promise.all([
    db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.sortOrder)),
    db
      .select()
      .from(payments)
      .where(eq(payments.orderId, order.id))
      .orderBy(asc(payments.createdAt)),
    db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.createdAt)),
    db
      .select({ accessCode: attendees.accessCode })
      .from(attendees)
      .where(and(eq(attendees.orderId, order.id), eq(attendees.isActive, true)))
      .limit(1),
  ]);
  return {
    order,
    lines,
    payments: paymentRows,
    refunds: refundRows,
    accessCode: attendee[0]?.accessCode ?? null,
    cancellable: order.status === 'pending' && !(await hasReceivedMoney(db, order.id)),
  };
}
