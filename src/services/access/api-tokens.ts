import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { apiTokens, type ApiToken, type Conference } from '../../db/schema/index.ts';
import { isPermission, withImplied, type Permission } from '../../domain/permissions.ts';
import { accessErrors } from './errors.ts';

const PREFIX = 'lyt_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX);
}

export interface ApiTokenRequest {
  conference: Conference;
  name: string;
  permissions: readonly string[];
  expiresAt: Date | null;
  createdBy: string | null;
  now: Date;
}

/**
 * An API token for scanners and integrations: one conference, a set of permissions. The secret is
 * returned once and only its hash is stored, so it cannot be shown again (or leaked by a dump).
 */
export async function createApiToken(
  db: Database,
  input: ApiTokenRequest,
): Promise<{ token: string; row: ApiToken }> {
  const unknown = input.permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) throw accessErrors('PERMISSION_UNKNOWN', { unknown });
  const token = `${PREFIX}${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      conferenceId: input.conference.id,
      name: input.name,
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, PREFIX.length + 6),
      permissions: [...new Set(input.permissions)],
      createdBy: input.createdBy,
      expiresAt: input.expiresAt,
      createdAt: input.now,
    })
    .returning();
  if (!row) throw new Error('token insert returned nothing');
  return { token, row };
}

export interface TokenPrincipal {
  id: string;
  conferenceId: string;
  name: string;
  permissions: Set<Permission>;
}

/** A live token (not revoked, not expired); its last use is recorded at most once a minute. */
export async function findApiToken(
  db: Database,
  token: string,
  now: Date,
): Promise<TokenPrincipal | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return {
    id: row.id,
    conferenceId: row.conferenceId,
    name: row.name,
    permissions: withImplied(row.permissions),
  };
}

export function listApiTokens(db: Database, conference: Conference): Promise<ApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.conferenceId, conference.id))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(
  db: Database,
  conference: Conference,
  tokenId: string,
  now: Date,
): Promise<ApiToken> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        eq(apiTokens.conferenceId, conference.id),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning();
  if (!row) throw accessErrors('TOKEN_NOT_FOUND', { id: tokenId });
  return row;
}
