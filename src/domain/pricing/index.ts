export { priceCart } from './price-cart.ts';
export { oneMoreVoucherUse, pricingBounds } from './count-bounds.ts';
export { isWindowOpen, isBeforeWindow, isAfterWindow, isWindowOrdered } from './window.ts';
export { isInScope, isConditionInScope, type ScopedProduct } from './scope.ts';
export {
  isVoucherUsable,
  type VoucherUsability,
  type VoucherValidityFacts,
} from './voucher-validity.ts';
export {
  conditionQualifies,
  hasUnitLimit,
  isUnitLimited,
  orderConditions,
  remainingAllowance,
} from './condition-rules.ts';
export {
  CONDITION_KINDS,
  conditionHas,
  requiredSetOf,
  type ConditionPart,
} from './condition-fields.ts';
export type {
  BuyerFacts,
  ConditionKind,
  ConditionReasonCode,
  ConditionUsage,
  DiscountType,
  LineKind,
  PriceBreakdown,
  PricedLine,
  PricingCondition,
  PricingInput,
  PricingLine,
  PricingVoucher,
  ProductScope,
  TraceStep,
  VoucherInvalidReason,
  VoucherKind,
  VoucherLineReasonCode,
  VoucherNotApplicableReason,
  VoucherOutcome,
} from './types.ts';
