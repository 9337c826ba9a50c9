export {
  cancelPendingOrders,
  expireHolds,
  hasReceivedMoney,
  type CancelReason,
} from './cancel-order.ts';
export { orderErrors } from './errors.ts';
export { markOrderPaid, type PaidTransition } from './mark-order-paid.ts';
export {
  flagOrder,
  loadMoneyFacts,
  lockBuyerOrderOrThrow,
  lockOrder,
  type MoneyFacts,
} from './money-facts.ts';
export { transitionOrder, transitionOrders, type OrderMove } from './order-status.ts';
export {
  insertPayment,
  insertPaymentAttempt,
  transitionPayments,
  type PaymentMove,
  type PaymentSelector,
} from './payment-status.ts';
export { insertRefund, transitionRefund, type RefundMove } from './refund-status.ts';
export { getBuyerOrderOrThrow, listBuyerOrders, type OrderDetail } from './view-orders.ts';
export type { Order, OrderLine } from '../../db/schema/index.ts';
