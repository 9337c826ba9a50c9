export { accountErrors } from './errors.ts';
export {
  createSession,
  endSession,
  purgeExpiredSessions,
  sessionRead,
  type SessionPrincipal,
} from './sessions.ts';
export {
  findUserByEmail,
  normaliseEmail,
  signUp,
  toPublicUser,
  upsertAdmin,
  verifyCredentials,
  type PublicUser,
} from './users.ts';
