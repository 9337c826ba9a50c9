export {
  recordCardCancellation,
  recordCardFailure,
  recordCardSuccess,
  successOfIntent,
  type CardSuccess,
  type CardSuccessFacts,
} from './card-events.ts';
export { confirmCardPayment, type CardPaymentState } from './confirm-card-payment.ts';
export { paymentErrors } from './errors.ts';
export { callGateway } from './gateway-calls.ts';
export { settlePayment, type SettleOutcome } from './settle-payment.ts';
export { startCardPayment, type CardPaymentStart } from './start-card-payment.ts';
export { payWithCredit, recordStaffPayment, type StaffPaymentInput } from './staff-payments.ts';
export { setStripeCredentials, type StripeKeys } from './credentials.ts';
export { cancelAbandonedIntents } from './abandoned-intents.ts';
export { cancelBuyerOrder, type CancelBuyerOrderInput } from './cancel-buyer-order.ts';
