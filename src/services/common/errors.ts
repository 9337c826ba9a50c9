import { defineErrors } from '../../domain/errors.ts';

/** Codes shared by every capability. */
export const commonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, message: 'Some fields are not valid.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFERENCE_NOT_FOUND: { status: 404, message: 'There is no conference at this address.' },
  UNAUTHENTICATED: { status: 401, message: 'Please sign in first.' },
  FORBIDDEN: { status: 403, message: 'You do not have permission to do this.' },
  BUSY: { status: 409, message: 'Many people are buying right now. Please try again in a moment.' },
  TRY_AGAIN_SOON: {
    status: 503,
    message: 'Many people are buying right now. Please try again in a few seconds.',
  },
  CSRF_REJECTED: {
    status: 403,
    message: 'This request came from another website and was refused. Please use Lanyard directly.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message:
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Please wait a moment and try again.' },
});
