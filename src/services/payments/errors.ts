import { defineErrors } from '../../domain/errors.ts';

export const paymentErrors = defineErrors({
  PAYMENTS_NOT_CONFIGURED: {
    status: 409,
    message: 'Card payments are not set up for this conference yet. Please contact the organisers.',
  },
  ORDER_NOT_PAYABLE: {
    status: 409,
    message: 'This order is not awaiting payment.',
  },
  HOLD_EXPIRED: {
    status: 409,
    message: 'The time to pay for this order has run out. Please place a new order.',
  },
  NOTHING_DUE: { status: 409, message: 'Nothing is left to pay on this order.' },
  PAYMENT_NOT_FOUND: { status: 404, message: 'We could not find that payment for this order.' },
  PAYMENT_PROVIDER_UNAVAILABLE: {
    status: 502,
    message: 'The payment provider could not be reached. Nothing was charged; please try again.',
  },
  AMOUNT_INVALID: { status: 422, message: 'The amount must be a positive number of minor units.' },
  NO_CREDIT_AVAILABLE: { status: 409, message: 'You have no store credit to use here.' },
});
