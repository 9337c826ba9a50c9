export {
  cancelPendingOrders,
  expireHolds,
  hasReceivedMoney,
  type CancelReason,
} from './cancel-order.ts';
export { orderErrors } from './errors.ts';
export { markOrderPaid, type PaidTransition } from './mark-order-paid.ts';
export { getBuyerOrderOrThrow, listBuyerOrders, type OrderDetail } from './view-orders.ts';
export type { Order, OrderLine } from '../../db/schema/index.ts';
