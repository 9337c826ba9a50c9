import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { reusableQuery } from '../../db/reusable-query.ts';
import { conferences, type Conference } from '../../db/schema/index.ts';
import { commonErrors } from '../common/errors.ts';

const conferenceBySlug = reusableQuery((db) =>
  db
    .select()
    .from(conferences)
    .where(eq(conferences.slug, sql.placeholder('slug')))
    .limit(1)
    .prepare('conference_by_slug'),
);

export async function getConferenceBySlugOrThrow(db: Database, slug: string): Promise<Conference> {
  const [conference] = await conferenceBySlug(db).execute({ slug });
  if (!conference) throw commonErrors('CONFERENCE_NOT_FOUND', { slug });
  return conference;
}

export function listConferences(db: Database): Promise<Conference[]> {
  return db.select().from(conferences).orderBy(asc(conferences.startDate), asc(conferences.name));
}
