import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { groupMembers, groups, users, type Conference } from '../../db/schema/index.ts';
import { deriveSlug } from '../../domain/slugs.ts';
import { invalidField } from '../manage/common/field-errors.ts';
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

/** Adds people by email; unknown emails are reported back, known members are left as they are. */
export async function addGroupMembers(
  db: Database,
  conference: Conference,
  groupId: string,
  emails: readonly string[],
  now: Date,
): Promise<{ group: GroupView; unknown: string[] }> {
  await groupOf(db, conference, groupId);
  const lowered = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const found = lowered.length
    ? await db
        .select({ id: users.id, email: sql<string>`lower(${users.email})` })
        .from(users)
        .where(
          sql`lower(${users.email}) IN (${sql.join(
            lowered.map((e) => sql`${e}`),
            sql`, `,
          )})`,
        )
    : [];
  if (found.length > 0) {
    await db
      .insert(groupMembers)
      .values(
        found.map((u) => ({ groupId, userId: u.id, conferenceId: conference.id, createdAt: now })),
      )
      .onConflictDoNothing();
  }
  const known = new Set(found.map((u) => u.email));
  return {
    group: await getGroup(db, conference, groupId),
    unknown: lowered.filter((e) => !known.has(e)),
  };
}

export async function removeGroupMember(
  db: Database,
  conference: Conference,
  groupId: string,
  userId: string,
): Promise<GroupView> {
  await groupOf(db, conference, groupId);
  await db
    .delete(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
  return getGroup(db, conference, groupId);
}
