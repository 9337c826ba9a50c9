export { isCountedOrder } from './counted-orders.ts';
export { countSold, remainingOf, type SoldCounts } from './count-sold.ts';
