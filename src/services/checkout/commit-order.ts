import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { carts, orders, type Order, type OrderLine } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import type { PriceBreakdown, PricingVoucher } from '../../domain/pricing/index.ts';
import { applyCreditsToOrder } from '../credits/index.ts';
import { decideAndConsume, type ConsumptionKernel } from '../inventory/index.ts';
import { markOrderPaid } from '../orders/index.ts';
import { decide, type Decision } from './decision.ts';
import { checkoutErrors } from './errors.ts';
import { checkoutFingerprint, type PreparedCheckout } from './prepare-checkout.ts';
import { placeInOneStatement } from './place-in-one-statement.ts';
import {
  insertCompPayment,
  insertOrder,
  insertOrderLines,
  type OrderDraft,
} from './write-order.ts';

export interface CommittedOrder {
  order: Order;
  /** The lines just written, when nothing else (payments, attendee) changed the order. */
  lines: OrderLine[] | null;
}

export function draftOf(
  ctx: PreparedCheckout,
  pricing: PriceBreakdown,
  voucher: PricingVoucher | null,
): OrderDraft {
  const { request } = ctx;
  return {
    conference: request.conference,
    buyerId: request.buyerId,
    billing: request.billing,
    pricing,
    voucher,
    lines: ctx.lines,
    answers: ctx.answers,
    idempotencyKey: request.idempotencyKey ?? null,
    idempotencyFingerprint: checkoutFingerprint(request),
    now: request.now,
  };
}

/** Closes the cart only if it is still the version that was priced; a changed cart is refused. */
async function closeCart(tx: Database, ctx: PreparedCheckout): Promise<void> {
  const closed = await tx
    .update(carts)
    .set({ status: 'checked_out', updatedAt: ctx.request.now })
    .where(
      and(
        eq(carts.id, ctx.cart.id),
        eq(carts.status, 'open'),
        eq(carts.updatedAt, ctx.cart.updatedAt),
      ),
    )
    .returning({ id: carts.id });
  if (closed.length === 0) throw checkoutErrors('CART_CHANGED');
}

async function settleTotals(
  tx: Database,
  order: Order,
  pricing: PriceBreakdown,
  now: Date,
): Promise<Order> {
  if (order.total === pricing.total && order.discountAmount === pricing.discount) return order;
  const [updated] = await tx
    .update(orders)
    .set({
      subtotal: pricing.subtotal,
      discountAmount: pricing.discount,
      total: pricing.total,
      updatedAt: now,
    })
    .where(eq(orders.id, order.id))
    .returning();
  return updated ?? order;
}

/**
 * CHK-2 for an order paid at once (zero total, D4.5; store credit), in one transaction
 * (STYLE §4). The cart is closed and the order row written BEFORE the locks (an order without
 * lines consumes nothing, and its own voucher use is left out of the count), so the locked part
 * is only: the kernel's take (lock, count, check in one statement), re-price (no I/O), write
 * lines, pay, commit.
 */
async function commitPaidAtOnce(
  tx: Database,
  kernel: ConsumptionKernel,
  ctx: PreparedCheckout,
  first: Decision,
): Promise<CommittedOrder> {
  const { request } = ctx;
  await closeCart(tx, ctx);
  const provisional = await insertOrder(tx, draftOf(ctx, first.pricing, first.voucher));
  const decision = await decideAndConsume<Decision, Decision>(
    (counts) =>
      counts
        ? decide(ctx, counts, provisional.id)
        : { ...first, plan: withOwnOrder(first, provisional.id) },
    async (d) => {
      const taken = await kernel.take(tx, d.plan, request.now);
      return taken.broken ? { stale: taken.counts } : { done: d };
    },
  );
  const order = await settleTotals(tx, provisional, decision.pricing, request.now);
  const written = await insertOrderLines(
    tx,
    order,
    draftOf(ctx, decision.pricing, decision.voucher),
  );
  if (order.total === 0) {
    await insertCompPayment(tx, order, request.now);
    const paid = await markOrderPaid(tx, order.id, request.now);
    return { order: paid.transitioned ? paid.order : order, lines: null };
  }
  if (request.useCredit)
    return { order: (await applyCreditsToOrder(tx, order, request.now)).order, lines: null };
  return { order, lines: written };
}

/** The first decision's plan, counting without the order this transaction just wrote. */
function withOwnOrder(decision: Decision, orderId: string): Decision['plan'] {
  return { ...decision.plan, scope: { ...decision.plan.scope, excludeOrderId: orderId } };
}

/**
 * CHK-2 for a plain pending order: no round trip under the lock. The kernel places it with the
 * checkouts of the same products that queued meanwhile, in one statement that locks, counts,
 * checks the decision's bounds and writes (`lanyard_place_orders`). Null when a decision turns
 * out to pay at once.
 */
async function placePending(
  kernel: ConsumptionKernel,
  ctx: PreparedCheckout,
  first: Decision,
): Promise<CommittedOrder | null> {
  return decideAndConsume<Decision, CommittedOrder | null>(
    (counts) => (counts ? decide(ctx, counts, null) : first),
    async (d) => {
      if (d.paysAtOnce) return { done: null };
      const outcome = await placeInOneStatement(
        kernel,
        ctx,
        draftOf(ctx, d.pricing, d.voucher),
        d.plan,
      );
      if (outcome.status === 'placed')
        return { done: { order: outcome.order, lines: outcome.lines } };
      if (outcome.status === 'cart_changed') throw checkoutErrors('CART_CHANGED');
      return { stale: outcome.counts };
    },
  );
}

/**
 * CHK-2 reordered per D2/D3 through the consumption kernel: decide with nothing counted, then
 * let the kernel take what the decision's plan says, deciding again when a count moved. A plain
 * pending order is placed by the batched statement; an order paid at once takes its stock in a
 * transaction, queued per product so that waiting holds no pooled connection.
 */
export async function commitOrder(
  db: Database,
  kernel: ConsumptionKernel,
  ctx: PreparedCheckout,
): Promise<CommittedOrder> {
  const first = decide(ctx, null, null);
  const placed = first.paysAtOnce ? null : await placePending(kernel, ctx, first);
  if (placed) return placed;
  return kernel.inTurn(first.plan.keys, () =>
    withTx(db, (tx) => commitPaidAtOnce(tx, kernel, ctx, first)),
  );
}
