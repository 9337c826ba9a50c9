import type { Database } from '../../db/client.ts';
import type { Permission } from '../../domain/permissions.ts';
import { commonErrors } from '../common/errors.ts';
import { loadConferencePermissions } from './actor-permissions.ts';
import { findApiToken, looksLikeApiToken } from './api-tokens.ts';
import type { Actor } from './audit.ts';

/** Whoever asks to act in a conference, as presented; `authorize` checks every part of it. */
export interface AuthorizeRequest {
  /** An API token as presented (a scanner's `Bearer lyt_…`), not yet checked; wins over `user`. */
  token?: string | null | undefined;
  /** The signed-in person, if any. */
  user?: { id: string; isSuperuser: boolean } | null | undefined;
  /**
   * The conference to act in, or how to find it. A function is called only once a caller is
   * known, so an anonymous request is 401 before a wrong address can be 404.
   */
  conferenceId: string | (() => Promise<string>);
  permission: Permission;
  now: Date;
}

/**
 * D5.5 / D6.2: the one decision of who may do what where, for the API, the desk and anyone else
 * who acts for someone. An API token acts only in its own conference and only with its own
 * permissions; a superuser everywhere; a person with what the roles they hold in that
 * conference give. No live token and nobody signed in → 401 UNAUTHENTICATED; a known caller
 * without the permission → 403 FORBIDDEN naming it. Returns the actor the services then audit.
 */
export async function authorize(db: Database, request: AuthorizeRequest): Promise<Actor> {
  const { permission, now } = request;
  const token =
    request.token && looksLikeApiToken(request.token)
      ? await findApiToken(db, request.token, now)
      : null;
  const user = request.user ?? null;
  if (!token && !user) throw commonErrors('UNAUTHENTICATED');
  const conferenceId =
    typeof request.conferenceId === 'string' ? request.conferenceId : await request.conferenceId();
  if (token) {
    if (token.conferenceId !== conferenceId || !token.permissions.has(permission))
      throw commonErrors('FORBIDDEN', { permission });
    return { kind: 'token', tokenId: token.id };
  }
  if (!user) throw commonErrors('UNAUTHENTICATED');
  if (!user.isSuperuser) {
    const granted = await loadConferencePermissions(db, user.id, conferenceId);
    if (!granted.has(permission)) throw commonErrors('FORBIDDEN', { permission });
  }
  return { kind: 'user', userId: user.id };
}
