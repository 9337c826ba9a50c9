import { defineErrors } from '../../domain/errors.ts';

/** An email whose subject is gone cannot be written, now or later: the outbox fails it at once. */
export const emailErrors = defineErrors({
  EMAIL_ORDER_NOT_FOUND: {
    status: 404,
    message: 'The order this email is about no longer exists.',
  },
  EMAIL_REFUND_NOT_FOUND: {
    status: 404,
    message: 'The refund this email is about no longer exists.',
  },
});
