import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { apiTokens, type ApiToken, type Conference } from '../../db/schema/index.ts';
import { isPermission, withImplied, type Permission } from '../../domain/permissions.ts';
import { withTx } from '../../db/transactions.ts';
import { assertMayConfer } from './actor-permissions.ts';
import { recordAudit, type Actor } from './audit.ts';
import { accessErrors } from './errors.ts';

export type { ApiToken };

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
  /** Who mints it; D6.5 limits the token to what they hold themselves. */
  actor: Actor;
  ip?: string | undefined;
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
  const row = await withTx(db, async (tx) => {
    await assertMayConfer(tx, input.actor, input.conference.id, input.permissions, input.now);
    const [inserted] = await tx
      .insert(apiTokens)
      .values({
        conferenceId: input.conference.id,
        name: input.name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, PREFIX.length + 6),
        permissions: [...new Set(input.permissions)],
        createdBy: input.actor.kind === 'user' ? input.actor.userId : null,
        expiresAt: input.expiresAt,
        createdAt: input.now,
      })
      .returning();
    if (!inserted) throw new Error('token insert returned nothing');
    await recordAudit(tx, {
      conferenceId: input.conference.id,
      actor: input.actor,
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: inserted.id,
      details: { name: inserted.name, permissions: inserted.permissions },
      ip: input.ip,
      now: input.now,
    });
    return inserted;
  });
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

export interface ApiTokenRevocation {
  conference: Conference;
  tokenId: string;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/**
 * Revokes a token at once. Anyone who may manage access may do it, whatever the token carries:
 * stopping a leaked token gives nobody anything (D6.5 is about giving).
 */
export async function revokeApiToken(db: Database, input: ApiTokenRevocation): Promise<ApiToken> {
  return withTx(db, async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(apiTokens.id, input.tokenId),
          eq(apiTokens.conferenceId, input.conference.id),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning();
    if (!row) throw accessErrors('TOKEN_NOT_FOUND', { id: input.tokenId });
    await recordAudit(tx, {
      conferenceId: input.conference.id,
      actor: input.actor,
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: row.id,
      details: { name: row.name },
      ip: input.ip,
      now: input.now,
    });
    return row;
  });
}
