export {
  createRefund,
  listOrderRefunds,
  type RefundRequest,
  type RefundResult,
} from './create-refund.ts';
export { refundErrors } from './errors.ts';
export { resendPendingCardRefunds, sendCardRefund } from './send-card-refund.ts';
export { applyStripeRefund } from './stripe-refunds.ts';
