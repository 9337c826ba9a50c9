export { isCountedOrder, isOrderHoldingUses } from './counted-orders.ts';
export {
  countSold,
  countSoldFor,
  remainingOf,
  type SoldCounts,
  type SoldScope,
} from './count-sold.ts';
export { countConditionUnits, countVoucherUses } from './count-uses.ts';
