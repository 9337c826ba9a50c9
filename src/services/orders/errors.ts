import { defineErrors } from '../../domain/errors.ts';

export const orderErrors = defineErrors({
  ORDER_NOT_FOUND: { status: 404, message: 'We could not find that order.' },
  ORDER_NOT_CANCELLABLE: {
    status: 409,
    message: 'Only orders that are still awaiting payment can be cancelled.',
  },
  // D4.10: money already reached the organiser; giving it back is their decision.
  ORDER_HAS_PAYMENTS: {
    status: 409,
    message:
      'A payment has already been received for this order, so it cannot be cancelled here. Please contact the organiser to cancel it and arrange a refund.',
  },
});
