import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { attendeeQuestions, type AttendeeQuestion } from '../../db/schema/index.ts';

/** The conference's active attendee questions in display order: what checkout asks and accepts. */
export function listActiveQuestions(
  db: Database,
  conferenceId: string,
): Promise<AttendeeQuestion[]> {
  return db
    .select()
    .from(attendeeQuestions)
    .where(
      and(eq(attendeeQuestions.conferenceId, conferenceId), eq(attendeeQuestions.isActive, true)),
    )
    .orderBy(asc(attendeeQuestions.sortOrder), asc(attendeeQuestions.createdAt));
}
