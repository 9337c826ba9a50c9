import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { reusableQuery } from '../../db/reusable-query.ts';
import { attendeeQuestions, type AttendeeQuestion } from '../../db/schema/index.ts';

// Every checkout validates its answers against these.
const activeQuestions = reusableQuery((db) =>
  db
    .select()
    .from(attendeeQuestions)
    .where(
      and(
        eq(attendeeQuestions.conferenceId, sql.placeholder('conferenceId')),
        eq(attendeeQuestions.isActive, true),
      ),
    )
    .orderBy(asc(attendeeQuestions.sortOrder), asc(attendeeQuestions.createdAt))
    .prepare('active_attendee_questions'),
);

/** The conference's active attendee questions in display order: what checkout asks and accepts. */
export function listActiveQuestions(
  db: Database,
  conferenceId: string,
): Promise<AttendeeQuestion[]> {
  return activeQuestions(db).execute({ conferenceId });
}
