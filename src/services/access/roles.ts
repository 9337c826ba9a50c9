import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  roleAssignments,
  roles,
  users,
  type Conference,
  type Role,
} from '../../db/schema/index.ts';
import { BUILT_IN_ROLES } from '../../domain/permissions.ts';
import { withTx } from '../../db/transactions.ts';
import { assertMayConfer } from './actor-permissions.ts';
import { recordAudit, type Actor } from './audit.ts';
import { accessErrors } from './errors.ts';

/** PERM-9 for roles: built-ins are upserted to exactly their listed permissions; idempotent. */
export async function ensureBuiltInRoles(db: Database, now: Date): Promise<void> {
  await db
    .insert(roles)
    .values(
      BUILT_IN_ROLES.map((role) => ({
        conferenceId: null,
        key: role.key,
        name: role.name,
        permissions: [...role.permissions],
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [roles.conferenceId, roles.key],
      set: { name: sql`excluded.name`, permissions: sql`excluded.permissions` },
    });
}

async function roleByKey(db: Database, conferenceId: string, key: string): Promise<Role> {
  const [role] = await db
    .select()
    .from(roles)
    .where(
      and(eq(roles.key, key), or(isNull(roles.conferenceId), eq(roles.conferenceId, conferenceId))),
    )
    .orderBy(sql`${roles.conferenceId} NULLS LAST`)
    .limit(1);
  if (!role) throw accessErrors('ROLE_NOT_FOUND', { role: key });
  return role;
}

async function userByEmail(db: Database, email: string): Promise<{ id: string; email: string }> {
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  if (!user) throw accessErrors('USER_NOT_FOUND', { email });
  return user;
}

/** A role given to or taken from one person in one conference, by `actor` (D6.4, D6.5). */
export interface RoleChange {
  conference: Conference;
  email: string;
  roleKey: string;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/** Who a role change is about, and what it moves, as the audit log records it. */
function auditRoleChange(
  tx: Database,
  change: RoleChange,
  action: 'role.grant' | 'role.revoke',
  user: { id: string; email: string },
  role: Role,
): Promise<void> {
  return recordAudit(tx, {
    conferenceId: change.conference.id,
    actor: change.actor,
    action,
    entityType: 'user',
    entityId: user.id,
    details: { email: user.email, role: role.key },
    ip: change.ip,
    now: change.now,
  });
}

/**
 * Grants a role in one conference; granting it again changes nothing (and is not audited).
 * D6.5: only someone holding every permission of the role may give it.
 */
export async function grantRole(
  db: Database,
  change: RoleChange,
): Promise<{ userId: string; email: string; role: Role; created: boolean }> {
  await ensureBuiltInRoles(db, change.now);
  return withTx(db, async (tx) => {
    const role = await roleByKey(tx, change.conference.id, change.roleKey);
    const user = await userByEmail(tx, change.email);
    await assertMayConfer(tx, change.actor, change.conference.id, role.permissions, change.now);
    const inserted = await tx
      .insert(roleAssignments)
      .values({
        userId: user.id,
        conferenceId: change.conference.id,
        roleId: role.id,
        grantedBy: change.actor.kind === 'user' ? change.actor.userId : null,
        createdAt: change.now,
      })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    const created = inserted.length > 0;
    if (created) await auditRoleChange(tx, change, 'role.grant', user, role);
    return { userId: user.id, email: user.email, role, created };
  });
}

/**
 * Takes a role away. D6.5 applies here too: whoever could not give a role cannot take it, or
 * `manage_access` alone could strip every organiser of a conference.
 */
export async function revokeRole(
  db: Database,
  change: RoleChange,
): Promise<{ userId: string; role: Role }> {
  return withTx(db, async (tx) => {
    const role = await roleByKey(tx, change.conference.id, change.roleKey);
    const user = await userByEmail(tx, change.email);
    await assertMayConfer(tx, change.actor, change.conference.id, role.permissions, change.now);
    const removed = await tx
      .delete(roleAssignments)
      .where(
        and(
          eq(roleAssignments.userId, user.id),
          eq(roleAssignments.conferenceId, change.conference.id),
          eq(roleAssignments.roleId, role.id),
        ),
      )
      .returning({ id: roleAssignments.id });
    if (removed.length === 0)
      throw accessErrors('ASSIGNMENT_NOT_FOUND', { email: change.email, role: change.roleKey });
    await auditRoleChange(tx, change, 'role.revoke', user, role);
    return { userId: user.id, role };
  });
}

export interface RoleAssignmentView {
  email: string;
  roleKey: string;
  roleName: string;
  permissions: string[];
  grantedAt: Date;
}

export async function listRoleAssignments(
  db: Database,
  conference: Conference,
): Promise<RoleAssignmentView[]> {
  const rows = await db
    .select({ email: users.email, role: roles, grantedAt: roleAssignments.createdAt })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(eq(roleAssignments.conferenceId, conference.id))
    .orderBy(asc(users.email), asc(roles.key));
  return rows.map((row) => ({
    email: row.email,
    roleKey: row.role.key,
    roleName: row.role.name,
    permissions: row.role.permissions,
    grantedAt: row.grantedAt,
  }));
}

/** The built-in roles and this conference's own, for the role picker. */
export async function listRoles(db: Database, conference: Conference, now: Date): Promise<Role[]> {
  await ensureBuiltInRoles(db, now);
  return db
    .select()
    .from(roles)
    .where(or(isNull(roles.conferenceId), eq(roles.conferenceId, conference.id)))
    .orderBy(asc(roles.key));
}
