import { FULL_BP, ZERO, min, percentOf, times, type Money } from '../money.ts';
import type { PricingCondition, PricingLine } from './types.ts';

export interface ConditionLineEffect {
  readonly amount: Money;
  readonly units: number;
  /** True when the remaining allowance, not the rule itself, reduced the units (D3.6). */
  readonly cutByAllowance: boolean;
}

// Percentages above 100 % are clamped (COND-3); for a category discount the clamp is the
// same as capping at the line (COND-9 + PRICE-4). Negative values are rejected on input.
function clampBp(bp: number | null): number {
  return Math.min(bp ?? 0, FULL_BP);
}

function wantedUnits(condition: PricingCondition, quantity: number): number {
  // A category discount has no max_quantity (COND-9).
  if (condition.kind === 'category_discount' || condition.maxQuantity === 0) return quantity;
  return Math.min(quantity, condition.maxQuantity);
}

function amountFor(condition: PricingCondition, unitPrice: Money, units: number): Money {
  if (condition.kind === 'category_discount' || condition.discountType === 'percentage') {
    return percentOf(times(unitPrice, units), clampBp(condition.percentOffBp));
  }
  if (condition.discountType === 'fixed_amount') {
    return times(min(condition.amountOff ?? ZERO, unitPrice), units);
  }
  // A non-category condition without a discount type discounts nothing (COND-3 "other type").
  return ZERO;
}

/**
 * COND-3 / COND-9 on one line, with the units further limited to what is left of the
 * condition's allowance in this cart (D3.6). Never more than the line subtotal (PRICE-4).
 */
export function conditionLineEffect(
  condition: PricingCondition,
  line: PricingLine,
  allowance: number,
): ConditionLineEffect {
  const wanted = wantedUnits(condition, line.quantity);
  const units = Math.min(wanted, allowance);
  const amount = min(
    amountFor(condition, line.unitPrice, units),
    times(line.unitPrice, line.quantity),
  );
  return { amount, units, cutByAllowance: units < wanted };
}
