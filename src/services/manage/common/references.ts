import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { addons, groups, ticketTypes } from '../../../db/schema/index.ts';
import { manageErrors } from '../errors.ts';

export type ReferenceKind = 'ticket_type' | 'addon' | 'group';

export interface ReferenceCheck {
  /** The request field the ids came from, named in the error. */
  field: string;
  kind: ReferenceKind;
  ids: readonly string[] | undefined;
}

const NOUN: Record<ReferenceKind, string> = {
  ticket_type: 'ticket types',
  addon: 'add-ons',
  group: 'groups',
};

async function existingIds(
  db: Database,
  conferenceId: string,
  kind: ReferenceKind,
  ids: string[],
): Promise<Set<string>> {
  const table = kind === 'ticket_type' ? ticketTypes : kind === 'addon' ? addons : groups;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.conferenceId, conferenceId), inArray(table.id, ids)));
  return new Set(rows.map((row) => row.id));
}

/**
 * Every referenced id must name a row of this conference: the link tables carry conference_id but
 * nothing in the database ties it to the referenced product's conference, so this is the fence.
 * All unknown ids are reported at once (422 UNKNOWN_REFERENCE).
 */
export async function assertReferencesExist(
  db: Database,
  conferenceId: string,
  checks: readonly ReferenceCheck[],
): Promise<void> {
  const missing: Array<{ field: string; kind: ReferenceKind; ids: string[] }> = [];
  for (const check of checks) {
    const ids = [...new Set(check.ids ?? [])];
    if (ids.length === 0) continue;
    const found = await existingIds(db, conferenceId, check.kind, ids);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) missing.push({ field: check.field, kind: check.kind, ids: unknown });
  }
  if (missing.length === 0) return;
  const described = missing.map(
    (m) => `${m.field}: no such ${NOUN[m.kind]} in this conference (${m.ids.join(', ')})`,
  );
  throw manageErrors(
    'UNKNOWN_REFERENCE',
    { missing: missing.map(({ field, ids }) => ({ field, ids })) },
    `Unknown references. ${described.join('; ')}.`,
  );
}
