import { defineErrors } from '../../domain/errors.ts';

export const accountErrors = defineErrors({
  EMAIL_TAKEN: {
    status: 409,
    message: 'An account with this email already exists. Try signing in instead.',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    message: 'This password is too common or too easy to guess. Try a few unrelated words.',
  },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is not correct.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Please sign in again.' },
});
