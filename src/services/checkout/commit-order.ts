import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { carts, orders, type Order, type OrderLine } from '../../db/schema/index.ts';
import { areApplicationLocksEnabled } from '../../db/locks.ts';
import {
  isUnitLimited,
  isVoucherUsable,
  priceCart,
  pricingBounds,
  type PriceBreakdown,
  type PricingCondition,
  type PricingVoucher,
} from '../../domain/pricing/index.ts';
import { findStockViolation, stockBounds } from '../../domain/stock-rules.ts';
import { cartErrors, stockFactsOf, stockViolationError, voucherGateOf } from '../cart/index.ts';
import { commonErrors } from '../common/errors.ts';
import type { CartCounts } from '../inventory/index.ts';
import { applyCreditsToOrder } from '../credits/index.ts';
import { markOrderPaid } from '../orders/index.ts';
import { toPricingLines } from '../pricing/index.ts';
import { checkoutErrors } from './errors.ts';
import { checkoutFingerprint, type PreparedCheckout } from './prepare-checkout.ts';
import { placeInOneStatement } from './place-in-one-statement.ts';
import { lockAndRecount, recountOf, type Recount } from './recount.ts';
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

function price(
  ctx: PreparedCheckout,
  conditions: readonly PricingCondition[],
  voucher: PricingVoucher | null,
): PriceBreakdown {
  const lines = toPricingLines(ctx.lines);
  return priceCart({ lines, conditions, voucher, buyer: ctx.buyer, now: ctx.request.now });
}

function draftOf(
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

function assertCheckoutAllowed(ctx: PreparedCheckout, fresh: Recount): void {
  const violation = findStockViolation(ctx.lines, fresh.facts);
  if (violation) throw stockViolationError(violation);
  if (!fresh.voucher) return;
  const usable = isVoucherUsable(fresh.voucher, fresh.facts.now);
  if (!usable.ok) {
    throw cartErrors(
      'VOUCHER_INVALID',
      { code: fresh.voucher.code, reason: usable.reasonCode },
      `The voucher ${fresh.voucher.code} can no longer be used.`,
    );
  }
}

/** D3.7: the buyer confirmed a total; a different one is refused, never charged. */
function assertExpectedTotal(ctx: PreparedCheckout, pricing: PriceBreakdown): void {
  const { expectedTotal } = ctx.request;
  if (expectedTotal !== undefined && expectedTotal !== pricing.total) {
    throw checkoutErrors('PRICE_CHANGED', { expectedTotal, total: pricing.total, pricing });
  }
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
 * The transaction of CHK-2 (D2.2, D3.7, STYLE §4). The cart is closed and the order row written
 * BEFORE the locks (an order without lines consumes nothing, and its own voucher use is left out
 * of the recount), so the locked part is only: lock and recount (one statement), check, re-price
 * (no I/O), write lines, commit.
 */
export async function commitOrder(tx: Database, ctx: PreparedCheckout): Promise<CommittedOrder> {
  const { request } = ctx;
  await closeCart(tx, ctx);
  const provisional = await insertOrder(
    tx,
    draftOf(ctx, price(ctx, ctx.conditions, ctx.voucher), ctx.voucher),
  );
  const fresh = await lockAndRecount(
    tx,
    ctx.keys,
    request.conference,
    request.buyerId,
    ctx.lines,
    ctx.voucher,
    ctx.conditions,
    request.now,
    provisional.id,
  );
  assertCheckoutAllowed(ctx, fresh);
  const pricing = price(ctx, fresh.conditions, fresh.voucher);
  assertExpectedTotal(ctx, pricing);
  const order = await settleTotals(tx, provisional, pricing, request.now);
  const written = await insertOrderLines(tx, order, draftOf(ctx, pricing, fresh.voucher));
  if (order.total === 0) {
    await insertCompPayment(tx, order, request.now);
    const paid = await markOrderPaid(tx, order.id, request.now);
    return { order: paid.transitioned ? paid.order : order, lines: null };
  }
  if (request.useCredit)
    return { order: (await applyCreditsToOrder(tx, order, request.now)).order, lines: null };
  return { order, lines: written };
}

const NOTHING_COUNTED: CartCounts = {
  soldByTicketType: new Map(),
  soldByAddon: new Map(),
  venueUnits: 0,
  heldByBuyer: new Map(),
  voucherUses: 0,
  conditionUnits: new Map(),
};

/** Counts keep moving past their bounds (limited conditions in a rush): let the buyer retry. */
const MAX_DECISIONS = 3;

/**
 * CHK-2 for a plain pending order, with no round trip under the lock (migrations 0006, 0010). Decide
 * with what needs no count (windows, voucher gate, prices as loaded), turn what the decision
 * assumes about the counts into bounds (`stockBounds`, `pricingBounds`), and let the database
 * lock, count, check and write in one statement. When a count has moved past its bound nothing is
 * written and the decision is taken again with the fresh counts: a stock violation then refuses
 * exactly as under `commitOrder`. Orders that are paid at once (zero total, store credit) answer
 * null and take `commitOrder` in a transaction.
 */
export async function commitOrderInOneStatement(
  db: Database,
  ctx: PreparedCheckout,
): Promise<CommittedOrder | null> {
  const { request } = ctx;
  const { conference, now } = request;
  let decision: Recount = {
    facts: stockFactsOf(conference, NOTHING_COUNTED, voucherGateOf(ctx.voucher, now), now),
    voucher: ctx.voucher,
    conditions: ctx.conditions,
  };
  for (let round = 0; round < MAX_DECISIONS; round += 1) {
    assertCheckoutAllowed(ctx, decision);
    const pricing = price(ctx, decision.conditions, decision.voucher);
    assertExpectedTotal(ctx, pricing);
    if (pricing.total === 0 || request.useCredit) return null;
    const outcome = await placeInOneStatement(db, {
      draft: draftOf(ctx, pricing, decision.voucher),
      cart: ctx.cart,
      keys: ctx.keys,
      // The negative control (D2.3) switches the application's checks off with its locks.
      bounds: areApplicationLocksEnabled()
        ? [
            ...stockBounds(ctx.lines, conference),
            ...pricingBounds(decision.conditions, decision.voucher, pricing.conditionUsage),
          ]
        : [],
      voucherId: ctx.voucher?.id ?? null,
      limitedConditionIds: ctx.conditions.filter(isUnitLimited).map((c) => c.id),
    });
    if (outcome.status === 'placed') return { order: outcome.order, lines: outcome.lines };
    if (outcome.status === 'cart_changed') throw checkoutErrors('CART_CHANGED');
    decision = recountOf(outcome.counts, conference, ctx.voucher, ctx.conditions, now);
  }
  throw commonErrors('BUSY');
}
