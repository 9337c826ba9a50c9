import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orders, type NewOrder, type Order } from '../../db/schema/index.ts';
import { assertTransition, orderStates, type OrderStatus } from '../../domain/states/index.ts';

/** Columns that change with a status move (the hold, when it was paid or cancelled, and why). */
export type OrderMoveFields = Omit<Partial<NewOrder>, 'id' | 'status' | 'updatedAt'>;

export interface OrderMove {
  /** The statuses the caller read under its lock; a row in any other status is left alone. */
  from: readonly OrderStatus[];
  to: OrderStatus;
  set?: OrderMoveFields;
  now: Date;
}

/**
 * The one place an order's status is written (issue 15.3). Every move is checked against the
 * declared machine first (an undeclared one is a bug, thrown before any SQL), then written with
 * the caller's statuses as a guard, so a row that moved meanwhile is skipped rather than
 * overwritten (D4.7). Returns the rows that moved.
 */
export async function transitionOrders(
  tx: Database,
  orderIds: readonly string[],
  move: OrderMove,
): Promise<Order[]> {
  for (const from of move.from) assertTransition(orderStates, from, move.to);
  if (orderIds.length === 0 || move.from.length === 0) return [];
  return tx
    .update(orders)
    .set({ ...move.set, status: move.to, updatedAt: move.now })
    .where(and(inArray(orders.id, [...orderIds]), inArray(orders.status, [...move.from])))
    .returning();
}

/** One order's move; undefined when it was no longer in a `from` status. */
export async function transitionOrder(
  tx: Database,
  orderId: string,
  move: OrderMove,
): Promise<Order | undefined> {
  for (const from of move.from) assertTransition(orderStates, from, move.to);
  if (move.from.length === 0) return undefined;
  const [order] = await tx
    .update(orders)
    .set({ ...move.set, status: move.to, updatedAt: move.now })
    .where(and(eq(orders.id, orderId), inArray(orders.status, [...move.from])))
    .returning();
  return order;
}
