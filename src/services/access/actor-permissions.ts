import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { apiTokens, roleAssignments, roles, users } from '../../db/schema/index.ts';
import {
  isPermission,
  PERMISSIONS,
  withImplied,
  type Permission,
} from '../../domain/permissions.ts';
import type { Actor } from './audit.ts';
import { accessErrors } from './errors.ts';

/** D5.5: what one person may do in one conference, from every role they hold there. */
export async function loadConferencePermissions(
  db: Database,
  userId: string,
  conferenceId: string,
): Promise<Set<Permission>> {
  const rows = await queryRows<{ permission: string }>(
    db,
    sql`SELECT DISTINCT unnest(r.permissions) AS permission
        FROM ${roleAssignments} a JOIN ${roles} r ON r.id = a.role_id
        WHERE a.user_id = ${userId} AND a.conference_id = ${conferenceId}`,
  );
  return withImplied(rows.map((r) => r.permission));
}

const EVERYTHING: ReadonlySet<Permission> = new Set(PERMISSIONS);

/**
 * What `actor` may do in one conference, read afresh from the database: a superuser, the
 * operator at the command line (the machine's owner) and Lanyard's own jobs everything; a person what their roles there
 * give; a token its own permissions, and nothing outside its conference or once revoked/expired.
 */
export async function actorPermissions(
  db: Database,
  actor: Actor,
  conferenceId: string,
  now: Date,
): Promise<ReadonlySet<Permission>> {
  if (actor.kind === 'operator' || actor.kind === 'system') return EVERYTHING;
  if (actor.kind === 'user') {
    const [user] = await db
      .select({ isSuperuser: users.isSuperuser })
      .from(users)
      .where(eq(users.id, actor.userId));
    if (user?.isSuperuser) return EVERYTHING;
    return loadConferencePermissions(db, actor.userId, conferenceId);
  }
  const [token] = await db.select().from(apiTokens).where(eq(apiTokens.id, actor.tokenId));
  const live = token && !token.revokedAt && (!token.expiresAt || token.expiresAt > now);
  if (!live || token.conferenceId !== conferenceId) return new Set();
  return withImplied(token.permissions);
}

/**
 * D6.5: nobody gives (through a role or an API token) a permission they do not hold themselves
 * in that conference, or `manage_access` alone would be a key to everything. Holding `change_x`
 * counts as holding `view_x` (withImplied). Strings that are no permission confer nothing.
 */
export async function assertMayConfer(
  db: Database,
  actor: Actor,
  conferenceId: string,
  permissions: readonly string[],
  now: Date,
): Promise<void> {
  const held = await actorPermissions(db, actor, conferenceId, now);
  const asked = new Set(permissions.filter(isPermission));
  const missing = PERMISSIONS.filter((p) => asked.has(p) && !held.has(p));
  if (missing.length > 0)
    throw accessErrors(
      'PERMISSION_ESCALATION',
      { missing },
      `You can only give permissions you hold yourself in this conference; you lack ${missing.join(', ')}.`,
    );
}
