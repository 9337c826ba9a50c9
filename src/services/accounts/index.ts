export { accountErrors } from './errors.ts';
export {
  createSession,
  endSession,
  purgeExpiredSessions,
  sessionRead,
  type SessionPrincipal,
} from './sessions.ts';
export {
  resolveRequestContext,
  type RequestContext,
  type RequestContextInput,
} from './request-context.ts';
export { assertPasswordStrong } from './password-strength.ts';
export { signIn, SIGN_IN_LIMITS, type SignInInput } from './sign-in.ts';
export {
  findUserByEmail,
  normaliseEmail,
  signUp,
  toPublicUser,
  upsertAdmin,
  verifyCredentials,
  type PublicUser,
} from './users.ts';
