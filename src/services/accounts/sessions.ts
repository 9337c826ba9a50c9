import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { aliased, fromOf, jsonObject, jsonRow, maybeOne } from '../../db/json-shapes.ts';
import { defineRead, type JsonRead, type Slots } from '../../db/read-together.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { toPublicUser, type PublicUser } from './users.ts';

export interface NewSession {
  /** Goes into the cookie; only its hash is stored, so a database leak yields no live sessions. */
  token: string;
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
  const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    expiresAt,
    createdAt: now,
    lastSeenAt: now,
  });
  return { token, expiresAt };
}

export interface SessionPrincipal {
  sessionId: string;
  user: PublicUser;
}

const s = aliased(sessions, 's');
const u = aliased(users, 'u');
const sessionJson = maybeOne(jsonObject({ sessionId: s.id, user: jsonRow(u) }));

const sessionShape = defineRead(
  (v: Slots<{ id: string; now: string }>) => sql`SELECT ${sessionJson}
      FROM ${fromOf(s)} JOIN ${fromOf(u)} ON ${u.id} = ${s.userId}
      WHERE ${s.id} = ${v.id} AND ${s.expiresAt} > ${v.now}::timestamptz`,
  (value): SessionPrincipal | undefined => {
    const row = sessionJson.decode(value);
    return row ? { sessionId: row.sessionId, user: toPublicUser(row.user) } : undefined;
  },
);

/** Every signed-in request starts here: as one JSON value, read with the route's conference. */
export function sessionRead(token: string, now: Date): JsonRead<SessionPrincipal | undefined> {
  return sessionShape({ id: hashToken(token), now: now.toISOString() });
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function purgeExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
