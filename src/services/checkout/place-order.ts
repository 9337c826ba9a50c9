import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orders, type Order } from '../../db/schema/index.ts';
import { getBuyerOrderOrThrow, type OrderDetail } from '../orders/index.ts';
import type { ConsumptionKernel } from '../inventory/index.ts';
import { commitOrder } from './commit-order.ts';
import { isSameRequest } from '../../domain/idempotency.ts';
import { commonErrors } from '../common/errors.ts';
import { checkoutFingerprint, prepareCheckout, type CheckoutRequest } from './prepare-checkout.ts';

/** `expectedTotal` (D3.7) refuses a changed price; `idempotencyKey` (D4.2) returns the same order. */
export type PlaceOrderInput = CheckoutRequest;

export interface PlaceOrderResult {
  order: Order;
  /** True when the idempotency key had already produced this order. */
  replayed: boolean;
  /** What the buyer sees next; built from the rows just written when nothing else touched them. */
  detail: OrderDetail;
}

async function findByIdempotencyKey(
  db: Database,
  input: PlaceOrderInput,
): Promise<Order | undefined> {
  if (!input.idempotencyKey) return undefined;
  const [order] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.userId, input.buyerId),
        eq(orders.conferenceId, input.conference.id),
        eq(orders.idempotencyKey, input.idempotencyKey),
      ),
    )
    .limit(1);
  return order;
}

async function replayOf(
  db: Database,
  input: PlaceOrderInput,
  order: Order,
): Promise<PlaceOrderResult> {
  const fingerprint = checkoutFingerprint(input);
  if (fingerprint && !isSameRequest(order.idempotencyFingerprint, fingerprint))
    throw commonErrors('IDEMPOTENCY_KEY_REUSED', { reference: order.reference });
  const detail = await getBuyerOrderOrThrow(
    db,
    input.buyerId,
    input.conference.id,
    order.reference,
  );
  return { order, replayed: true, detail };
}

/**
 * CHK-2 reordered per D2/D3: load and check outside the transaction, then let the consumption
 * kernel take the stock and write the order (commit-order.ts). Zero totals complete at once
 * (D4.5); store credit pays when asked.
 */
export async function placeOrder(
  db: Database,
  kernel: ConsumptionKernel,
  input: PlaceOrderInput,
): Promise<PlaceOrderResult> {
  // A repeated key finds no open cart (the first request closed it) or collides on the key's
  // unique index; either way it ends in the catch below, which answers with the first order.
  // So the common first request does not pay a lookup.
  try {
    const prepared = await prepareCheckout(db, input);
    const placed = await commitOrder(db, kernel, prepared);
    // A plain pending order has no payments or attendee yet: no need to read back what was just written.
    const detail = placed.lines
      ? {
          order: placed.order,
          lines: placed.lines,
          payments: [],
          refunds: [],
          accessCode: null,
          cancellable: true,
        }
      : await getBuyerOrderOrThrow(db, input.buyerId, input.conference.id, placed.order.reference);
    return { order: placed.order, replayed: false, detail };
  } catch (error) {
    // The same key again (a double click, a retry): answer with the order it already made.
    const replayAfterRace = await findByIdempotencyKey(db, input);
    if (replayAfterRace) return replayOf(db, input, replayAfterRace);
    throw error;
  }
}
