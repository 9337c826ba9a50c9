import type { Database } from '../../db/client.ts';
import { NOTHING, readTogether } from '../../db/read-together.ts';
import { conferenceBySlugRead, type Conference } from '../conferences/index.ts';
import { sessionRead, type SessionPrincipal } from './sessions.ts';

/** What one request carries: a session cookie's token and the `:slug` of its route, if any. */
export interface RequestContextInput {
  sessionToken?: string | null | undefined;
  slug?: string | null | undefined;
  now: Date;
}

export interface RequestContext {
  /** The signed-in person, or null (no cookie, or an expired or ended session). */
  session: SessionPrincipal | null;
  /** The conference `slug` names, or null (no slug, or no such conference). */
  conference: Conference | null;
}

/**
 * Every request starts here: the session and the route's conference in ONE statement
 * (`readTogether`), since in a ticket rush every round trip costs CPU on both sides; a request
 * with neither reads nothing.
 */
export async function resolveRequestContext(
  db: Database,
  input: RequestContextInput,
): Promise<RequestContext> {
  const { sessionToken, slug } = input;
  if (!sessionToken && !slug) return { session: null, conference: null };
  const read = await readTogether(db, {
    session: sessionToken ? sessionRead(sessionToken, input.now) : NOTHING,
    conference: slug ? conferenceBySlugRead({ slug }) : NOTHING,
  });
  return { session: read.session ?? null, conference: read.conference ?? null };
}
