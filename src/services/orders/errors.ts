import { defineErrors } from '../../domain/errors.ts';

export const orderErrors = defineErrors({
  ORDER_NOT_FOUND: { status: 404, message: 'We could not find that order.' },
  ORDER_NOT_CANCELLABLE: {
    status: 409,
    message: 'Only orders that are still awaiting payment can be cancelled.',
  },
});
