import { defineErrors } from '../../domain/errors.ts';

export const checkoutErrors = defineErrors({
  CART_CHANGED: {
    status: 409,
    message: 'Your cart changed while you were checking out. Please review it and try again.',
  },
  PRICE_CHANGED: {
    status: 409,
    message: 'The price changed since you last saw it. Please review the new total.',
  },
  SOLD_OUT: { status: 409, message: 'Sorry, the last places were just taken.' },
  ANSWERS_INVALID: { status: 400, message: 'Some attendee questions need an answer.' },
});
