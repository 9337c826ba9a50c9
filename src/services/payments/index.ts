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
export { flagOrder, loadMoneyFacts, lockOrder, type MoneyFacts } from './money-facts.ts';
export { settlePayment, type SettleOutcome } from './settle-payment.ts';
export { startCardPayment, type CardPaymentStart } from './start-card-payment.ts';
export { payWithCredit, recordStaffPayment, type StaffPaymentInput } from './staff-payments.ts';
export { setStripeCredentials } from './credentials.ts';
export { cancelAbandonedIntents } from './abandoned-intents.ts';
export { cancelBuyerOrder, type CancelBuyerOrderInput } from './cancel-buyer-order.ts';
