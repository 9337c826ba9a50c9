import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowFromJson, type JsonRecord } from '../../db/json-rows.ts';
import { defineRead, readOne, type Slots } from '../../db/read-together.ts';
import { attendeeQuestions, type AttendeeQuestion } from '../../db/schema/index.ts';

/** The conference's active attendee questions in display order: what checkout asks and accepts. */
export const activeQuestionsRead = defineRead(
  (
    v: Slots<{ conferenceId: string }>,
  ) => sql`SELECT coalesce(jsonb_agg(to_jsonb(q.*) ORDER BY q.sort_order, q.created_at), '[]'::jsonb)
      FROM attendee_questions q WHERE q.conference_id = ${v.conferenceId} AND q.is_active`,
  (value): AttendeeQuestion[] =>
    ((value ?? []) as JsonRecord[]).map((row) => rowFromJson(attendeeQuestions, row)),
);

export function listActiveQuestions(
  db: Database,
  conferenceId: string,
): Promise<AttendeeQuestion[]> {
  return readOne(db, activeQuestionsRead({ conferenceId }));
}
