import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { conferences, type Conference } from '../../db/schema/index.ts';
import { commonErrors } from '../common/errors.ts';

export async function getConferenceBySlugOrThrow(db: Database, slug: string): Promise<Conference> {
  const [conference] = await db
    .select()
    .from(conferences)
    .where(eq(conferences.slug, slug))
    .limit(1);
  if (!conference) throw commonErrors('CONFERENCE_NOT_FOUND', { slug });
  return conference;
}

export function listConferences(db: Database): Promise<Conference[]> {
  return db.select().from(conferences).orderBy(asc(conferences.startDate), asc(conferences.name));
}
