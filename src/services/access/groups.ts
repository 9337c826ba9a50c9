import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { groupMembers, groups, users, type Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { deriveSlug } from '../../domain/slugs.ts';
import { invalidField } from '../manage/common/field-errors.ts';
import { recordAudit, type Actor } from './audit.ts';
import { accessErrors } from './errors.ts';

export interface GroupView {
  id: string;
  name: string;
  slug: string;
  description: string;
  members: Array<{ userId: string; email: string }>;
}

async function groupOf(db: Database, conference: Conference, groupId: string) {
  const [group] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.id, groupId), eq(groups.conferenceId, conference.id)));
  if (!group) throw accessErrors('GROUP_NOT_FOUND', { id: groupId });
  return group;
}

/** COND-6: the groups a group-member discount names, with their members. */
export async function listGroups(db: Database, conference: Conference): Promise<GroupView[]> {
  const rows = await db
    .select({ group: groups, userId: groupMembers.userId, email: users.email })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .leftJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groups.conferenceId, conference.id))
    .orderBy(asc(groups.name), asc(users.email));
  const byId = new Map<string, GroupView>();
  for (const row of rows) {
    const { id, name, slug, description } = row.group;
    const view = byId.get(id) ?? { id, name, slug, description, members: [] };
    if (row.userId && row.email) view.members.push({ userId: row.userId, email: row.email });
    byId.set(row.group.id, view);
  }
  return [...byId.values()];
}

export async function getGroup(
  db: Database,
  conference: Conference,
  groupId: string,
): Promise<GroupView> {
  await groupOf(db, conference, groupId);
  const all = await listGroups(db, conference);
  const found = all.find((g) => g.id === groupId);
  if (!found) throw accessErrors('GROUP_NOT_FOUND', { id: groupId });
  return found;
}

export interface GroupInput {
  name: string;
  description?: string | undefined;
}

/** A group's URL slug comes from its name (BOOT-5), so the name needs something to derive from. */
function groupSlugOf(name: string): string {
  const slug = deriveSlug(name);
  if (slug === '') throw invalidField('name', 'must contain a letter or a digit');
  return slug;
}

export async function createGroup(
  db: Database,
  conference: Conference,
  input: GroupInput,
  now: Date,
): Promise<GroupView> {
  const name = input.name.trim();
  try {
    const [group] = await db
      .insert(groups)
      .values({
        conferenceId: conference.id,
        name,
        slug: groupSlugOf(name),
        description: input.description ?? '',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!group) throw new Error('group insert returned nothing');
    return { ...group, members: [] };
  } catch (error) {
    if (isPgError(error, SQLSTATE.uniqueViolation))
      throw accessErrors('GROUP_NAME_TAKEN', { name: input.name });
    throw error;
  }
}

export async function updateGroup(
  db: Database,
  conference: Conference,
  groupId: string,
  input: Partial<GroupInput>,
  now: Date,
): Promise<GroupView> {
  await groupOf(db, conference, groupId);
  const name = input.name?.trim();
  try {
    await db
      .update(groups)
      .set({
        ...(name ? { name, slug: groupSlugOf(name) } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: now,
      })
      .where(eq(groups.id, groupId));
  } catch (error) {
    if (isPgError(error, SQLSTATE.uniqueViolation))
      throw accessErrors('GROUP_NAME_TAKEN', { name: input.name });
    throw error;
  }
  return getGroup(db, conference, groupId);
}

export async function deleteGroup(
  db: Database,
  conference: Conference,
  groupId: string,
): Promise<void> {
  await groupOf(db, conference, groupId);
  await db.delete(groups).where(eq(groups.id, groupId));
}

/**
 * A change to who is in a group, by `actor` (D6.4): membership decides group-member discounts
 * (COND-6), so it is money, and audited in the same transaction as the change.
 */
export interface GroupMembership {
  conference: Conference;
  groupId: string;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/** The accounts of `lowered` (lower-cased emails), each with its email lower-cased. */
async function usersByEmail(db: Database, lowered: readonly string[]) {
  if (lowered.length === 0) return [];
  return db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(
      sql`lower(${users.email}) IN (${sql.join(
        lowered.map((e) => sql`${e}`),
        sql`, `,
      )})`,
    );
}

/** Adds people by email; unknown emails are reported back, known members are left as they are. */
export async function addGroupMembers(
  db: Database,
  change: GroupMembership & { emails: readonly string[] },
): Promise<{ group: GroupView; unknown: string[] }> {
  const { conference, groupId, now } = change;
  return withTx(db, async (tx) => {
    await groupOf(tx, conference, groupId);
    const lowered = [...new Set(change.emails.map((e) => e.trim().toLowerCase()))];
    const found = await usersByEmail(tx, lowered);
    if (found.length > 0) {
      await tx
        .insert(groupMembers)
        .values(
          found.map((u) => ({
            groupId,
            userId: u.id,
            conferenceId: conference.id,
            createdAt: now,
          })),
        )
        .onConflictDoNothing();
    }
    const known = new Set(found.map((u) => u.email));
    const unknown = lowered.filter((e) => !known.has(e));
    await recordAudit(tx, {
      conferenceId: conference.id,
      actor: change.actor,
      action: 'group.members.add',
      entityType: 'group',
      entityId: groupId,
      details: { emails: change.emails.length, unknown: unknown.length },
      ip: change.ip,
      now,
    });
    return { group: await getGroup(tx, conference, groupId), unknown };
  });
}

export async function removeGroupMember(
  db: Database,
  change: GroupMembership & { userId: string },
): Promise<GroupView> {
  const { conference, groupId, userId } = change;
  return withTx(db, async (tx) => {
    await groupOf(tx, conference, groupId);
    await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
    await recordAudit(tx, {
      conferenceId: conference.id,
      actor: change.actor,
      action: 'group.members.remove',
      entityType: 'group',
      entityId: groupId,
      details: { userId },
      ip: change.ip,
      now: change.now,
    });
    return getGroup(tx, conference, groupId);
  });
}
