export { isCountedOrder, isLineHoldingUses, isOrderHoldingUses } from './counted-orders.ts';
export { countSold, remainingOf, type SoldCounts } from './count-sold.ts';
export { countConditionUnits, countVoucherUses } from './count-uses.ts';
export {
  countForCart,
  countScopeOf,
  countsOf,
  countsJson,
  type CartCountScope,
  type CartCounts,
} from './count-for-cart.ts';
export {
  consumptionKeys,
  planConsumption,
  type ConsumptionPlan,
  type Demand,
} from './consumption-plan.ts';
export {
  createConsumptionKernel,
  decideAndConsume,
  takeInTransaction,
  DEFAULT_KERNEL_OPTIONS,
  type Attempt,
  type ConsumptionKernel,
  type KernelOptions,
  type Taken,
} from './consumption-kernel.ts';
export type { Placement, PlacementOutcome } from './placement.ts';
export type { CountsJson } from './sql-shapes.ts';
