import type { Conference } from '../../db/schema/index.ts';
import {
  isUnitLimited,
  isVoucherUsable,
  priceCart,
  pricingBounds,
  type PriceBreakdown,
  type PricingCondition,
  type PricingVoucher,
} from '../../domain/pricing/index.ts';
import { findStockViolation, type StockFacts } from '../../domain/stock-rules.ts';
import { cartErrors, stockFactsOf, stockViolationError, voucherGateOf } from '../cart/index.ts';
import { planConsumption, type CartCounts, type ConsumptionPlan } from '../inventory/index.ts';
import { toPricingLines } from '../pricing/index.ts';
import { checkoutErrors } from './errors.ts';
import type { PreparedCheckout } from './prepare-checkout.ts';

/** What checkout decided with a set of counts: the price, and the plan that must hold for it. */
export interface Decision {
  voucher: PricingVoucher | null;
  pricing: PriceBreakdown;
  plan: ConsumptionPlan;
  /** A zero total (D4.5) or store credit: the order is paid in the transaction that takes stock. */
  paysAtOnce: boolean;
}

const NOTHING_COUNTED: CartCounts = {
  soldByTicketType: new Map(),
  soldByAddon: new Map(),
  venueUnits: 0,
  heldByBuyer: new Map(),
  voucherUses: 0,
  conditionUnits: new Map(),
};

interface Recount {
  facts: StockFacts;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
}

function recountOf(
  counts: CartCounts,
  conference: Conference,
  voucher: PricingVoucher | null,
  conditions: readonly PricingCondition[],
  now: Date,
): Recount {
  const freshVoucher = voucher ? { ...voucher, usesCount: counts.voucherUses } : null;
  return {
    voucher: freshVoucher,
    conditions: conditions.map((c) =>
      isUnitLimited(c) ? { ...c, unitsUsed: counts.conditionUnits.get(c.id) ?? 0 } : c,
    ),
    facts: stockFactsOf(conference, counts, voucherGateOf(freshVoucher, now), now),
  };
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

export function priceOf(
  ctx: PreparedCheckout,
  conditions: readonly PricingCondition[],
  voucher: PricingVoucher | null,
): PriceBreakdown {
  const lines = toPricingLines(ctx.lines);
  return priceCart({ lines, conditions, voucher, buyer: ctx.buyer, now: ctx.request.now });
}

/** D3.7: the buyer confirmed a total; a different one is refused, never charged. */
function assertExpectedTotal(ctx: PreparedCheckout, pricing: PriceBreakdown): void {
  const { expectedTotal } = ctx.request;
  if (expectedTotal !== undefined && expectedTotal !== pricing.total) {
    throw checkoutErrors('PRICE_CHANGED', { expectedTotal, total: pricing.total, pricing });
  }
}

/**
 * CHK-2's decision (D2.2, D3.7): with nothing counted the first time (windows, voucher gate,
 * prices as loaded), with the fresh counts when a bound broke. The stock rule and the voucher
 * refuse here with their own errors; what the decision assumes about the counts becomes the
 * plan's bounds (`stockBounds` through `planConsumption`, `pricingBounds`).
 */
export function decide(
  ctx: PreparedCheckout,
  counts: CartCounts | null,
  /** The order written before the locks in a transaction: its voucher use is not a competitor's. */
  excludeOrderId: string | null,
): Decision {
  const { request } = ctx;
  const { conference, now } = request;
  // Nothing counted yet: the voucher and conditions as loaded, whose uses the bounds then pin.
  const fresh = counts
    ? recountOf(counts, conference, ctx.voucher, ctx.conditions, now)
    : {
        facts: stockFactsOf(conference, NOTHING_COUNTED, voucherGateOf(ctx.voucher, now), now),
        voucher: ctx.voucher,
        conditions: ctx.conditions,
      };
  assertCheckoutAllowed(ctx, fresh);
  const pricing = priceOf(ctx, fresh.conditions, fresh.voucher);
  assertExpectedTotal(ctx, pricing);
  const plan = planConsumption({
    conference,
    buyerId: request.buyerId,
    lines: ctx.lines,
    voucherId: ctx.voucher?.id ?? null,
    limitedConditionIds: ctx.conditions.filter(isUnitLimited).map((c) => c.id),
    usage: pricingBounds(fresh.conditions, fresh.voucher, pricing.conditionUsage),
    spendsCredit: request.useCredit ?? false,
    excludeOrderId,
  });
  return {
    voucher: fresh.voucher,
    pricing,
    plan,
    paysAtOnce: pricing.total === 0 || (request.useCredit ?? false),
  };
}
