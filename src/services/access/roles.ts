import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import {
  roleAssignments,
  roles,
  users,
  type Conference,
  type Role,
} from '../../db/schema/index.ts';
import { BUILT_IN_ROLES, withImplied, type Permission } from '../../domain/permissions.ts';
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

export interface RoleGrant {
  conference: Conference;
  email: string;
  roleKey: string;
  grantedBy: string | null;
  now: Date;
}

/** Grants a role in one conference; granting it again changes nothing. */
export async function grantRole(
  db: Database,
  grant: RoleGrant,
): Promise<{ userId: string; email: string; role: Role; created: boolean }> {
  await ensureBuiltInRoles(db, grant.now);
  const role = await roleByKey(db, grant.conference.id, grant.roleKey);
  const user = await userByEmail(db, grant.email);
  const inserted = await db
    .insert(roleAssignments)
    .values({
      userId: user.id,
      conferenceId: grant.conference.id,
      roleId: role.id,
      grantedBy: grant.grantedBy,
      createdAt: grant.now,
    })
    .onConflictDoNothing()
    .returning({ id: roleAssignments.id });
  return { userId: user.id, email: user.email, role, created: inserted.length > 0 };
}

export async function revokeRole(
  db: Database,
  conference: Conference,
  email: string,
  roleKey: string,
): Promise<{ userId: string; role: Role }> {
  const role = await roleByKey(db, conference.id, roleKey);
  const user = await userByEmail(db, email);
  const removed = await db
    .delete(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, user.id),
        eq(roleAssignments.conferenceId, conference.id),
        eq(roleAssignments.roleId, role.id),
      ),
    )
    .returning({ id: roleAssignments.id });
  if (removed.length === 0) throw accessErrors('ASSIGNMENT_NOT_FOUND', { email, role: roleKey });
  return { userId: user.id, role };
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
