import type { BuyerFacts, ConditionKind, ConditionReasonCode, PricingCondition } from './types.ts';
import { isWindowOpen } from './window.ts';

// Only these kinds carry a window and a unit limit (COND-4, COND-8, COND-9); speaker, group and
// included-product conditions have neither (COND-5..COND-7).
const LIMITED_KINDS: ReadonlySet<ConditionKind> = new Set([
  'time_or_stock',
  'product_discount',
  'category_discount',
]);

export function hasUnitLimit(kind: ConditionKind): boolean {
  return LIMITED_KINDS.has(kind);
}

/** D3.6: this condition discounts a limited number of units, so its used units are counted and locked. */
export function isUnitLimited(condition: Pick<PricingCondition, 'kind' | 'usageLimit'>): boolean {
  return hasUnitLimit(condition.kind) && condition.usageLimit > 0;
}

/** Units this condition may still discount before this cart; Infinity when unlimited (D3.6). */
export function remainingAllowance(
  condition: Pick<PricingCondition, 'kind' | 'usageLimit' | 'unitsUsed'>,
): number {
  if (!isUnitLimited(condition)) return Number.POSITIVE_INFINITY;
  return Math.max(0, condition.usageLimit - condition.unitsUsed);
}

function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

function isLimitedOpen(condition: PricingCondition, now: Date): boolean {
  return (
    isWindowOpen(condition.startTime, condition.endTime, now) && remainingAllowance(condition) > 0
  );
}

function speakerReason(condition: PricingCondition, buyer: BuyerFacts): ConditionReasonCode | null {
  if (!buyer.isSpeaker) return null;
  // COND-5: the presenter flag admits any linked speaker; co-presenter needs a shared talk.
  if (condition.isPresenter) return 'SPEAKER_PRESENTER';
  if (condition.isCopresenter && buyer.hasCoPresentedTalk) return 'SPEAKER_COPRESENTER';
  return null;
}

/**
 * Why the condition applies to this buyer at `now`, or null when it does not (COND-4..COND-9).
 * The code becomes the line's trace reason (D3.2).
 */
export function qualificationReason(
  condition: PricingCondition,
  buyer: BuyerFacts,
  now: Date,
): ConditionReasonCode | null {
  if (!condition.isActive) return null;
  switch (condition.kind) {
    case 'time_or_stock':
      return isLimitedOpen(condition, now) ? 'EARLY_BIRD_WINDOW' : null;
    case 'product_discount':
      return isLimitedOpen(condition, now) ? 'PRODUCT_DISCOUNT' : null;
    case 'category_discount':
      return isLimitedOpen(condition, now) ? 'CATEGORY_DISCOUNT' : null;
    case 'speaker':
      return speakerReason(condition, buyer);
    case 'group_member':
      // An empty group set never qualifies (COND-6).
      return intersects(condition.groupIds, buyer.groupIds) ? 'GROUP_MEMBER' : null;
    case 'included_product':
      // An empty enabling set never qualifies; only paid purchases count (COND-7).
      return intersects(condition.enablingTicketTypeIds, buyer.purchasedTicketTypeIds)
        ? 'INCLUDED_WITH_TICKET'
        : null;
  }
}

export function conditionQualifies(
  condition: PricingCondition,
  buyer: BuyerFacts,
  now: Date,
): boolean {
  return qualificationReason(condition, buyer, now) !== null;
}

const PARTIAL_REASON: Partial<Record<ConditionReasonCode, ConditionReasonCode>> = {
  EARLY_BIRD_WINDOW: 'EARLY_BIRD_WINDOW_LIMIT_PARTIAL',
  PRODUCT_DISCOUNT: 'PRODUCT_DISCOUNT_LIMIT_PARTIAL',
  CATEGORY_DISCOUNT: 'CATEGORY_DISCOUNT_LIMIT_PARTIAL',
};

/** The reason to show when the remaining allowance cut the discounted units (D3.6). */
export function partialReason(reason: ConditionReasonCode): ConditionReasonCode {
  return PARTIAL_REASON[reason] ?? reason;
}

function compareIds(a: string, b: string): number {
  // Code-point order, not localeCompare, so the result never depends on the host locale.
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Evaluation order (D3.3): priority ascending, then creation, then id, so the outcome does not
 * depend on the order the caller loaded the conditions in.
 */
export function orderConditions<T extends Pick<PricingCondition, 'priority' | 'createdAt' | 'id'>>(
  conditions: readonly T[],
): T[] {
  return [...conditions].sort(
    (a, b) =>
      a.priority - b.priority ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      compareIds(a.id, b.id),
  );
}
