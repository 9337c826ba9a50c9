export { accountErrors } from './errors.ts';
export {
  createSession,
  endSession,
  findSession,
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
