export { isCountedOrder, isLineHoldingUses, isOrderHoldingUses } from './counted-orders.ts';
export { countSold, remainingOf, type SoldCounts } from './count-sold.ts';
export { countConditionUnits, countVoucherUses } from './count-uses.ts';
export {
  boundsJson,
  type BoundJson,
  countForCart,
  countOf,
  countsOf,
  countsJson,
  lockAndCountForCart,
  type CountsJson,
  type CartCountScope,
  type CartCounts,
} from './count-for-cart.ts';
