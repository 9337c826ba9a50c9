import { defineErrors } from '../../domain/errors.ts';

export const refundErrors = defineErrors({
  ORDER_NOT_REFUNDABLE: {
    status: 409,
    message: 'Only paid or partially refunded orders can be refunded.',
  },
  REFUND_EXCEEDS_BALANCE: {
    status: 422,
    message: 'The refund is larger than what is left to refund on this order.',
  },
  REFUND_EXCEEDS_CARD_PAYMENT: {
    status: 422,
    message:
      'No single card payment on this order has that much left to refund; refund less, or to store credit.',
  },
  REFUND_LINE_INVALID: {
    status: 422,
    message: 'A line to cancel is not part of this order, or has fewer units left than asked.',
  },
  REFUND_EMPTY: { status: 422, message: 'Give an amount to refund or lines to cancel.' },
});
