import { asc, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { aliased, fromOf, jsonRow, maybeOne } from '../../db/json-shapes.ts';
import { defineRead, readOne, type Slots } from '../../db/read-together.ts';
import { conferences, type Conference } from '../../db/schema/index.ts';
import { commonErrors } from '../common/errors.ts';

const c = aliased(conferences, 'c');
const conferenceJson = maybeOne(jsonRow(c));

/** A conference by its slug as one JSON value (null: none), read with the session. */
export const conferenceBySlugRead = defineRead(
  (v: Slots<{ slug: string }>) =>
    sql`SELECT ${conferenceJson} FROM ${fromOf(c)} WHERE ${c.slug} = ${v.slug}`,
  (value): Conference | null => conferenceJson.decode(value),
);

export async function getConferenceBySlugOrThrow(db: Database, slug: string): Promise<Conference> {
  // Text holding NUL cannot even be compared in PostgreSQL, and no slug holds one.
  const conference = slug.includes('\u0000')
    ? null
    : await readOne(db, conferenceBySlugRead({ slug }));
  if (!conference) throw commonErrors('CONFERENCE_NOT_FOUND', { slug });
  return conference;
}

export function listConferences(db: Database): Promise<Conference[]> {
  return db.select().from(conferences).orderBy(asc(conferences.startDate), asc(conferences.name));
}
