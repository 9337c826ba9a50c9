import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { reusableQuery } from '../../db/reusable-query.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { toPublicUser, type PublicUser } from './users.ts';

export interface NewSession {
  /** Goes into the cookie; only its hash is stored, so a database leak yields no live sessions. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Database,
  userId: string,
  ttlDays: number,
  now: Date,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    csrfToken,
    expiresAt,
    createdAt: now,
    lastSeenAt: now,
  });
  return { token, csrfToken, expiresAt };
}

export interface SessionPrincipal {
  sessionId: string;
  csrfToken: string;
  user: PublicUser;
}

// Every signed-in request starts here.
const sessionById = reusableQuery((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))),
    )
    .limit(1)
    .prepare('session_by_id'),
);

export async function findSession(
  db: Database,
  token: string,
  now: Date,
): Promise<SessionPrincipal | undefined> {
  const [row] = await sessionById(db).execute({ id: hashToken(token), now });
  if (!row) return undefined;
  return {
    sessionId: row.session.id,
    csrfToken: row.session.csrfToken,
    user: toPublicUser(row.user),
  };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function purgeExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
