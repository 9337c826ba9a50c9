import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { aliased, fromOf, jsonArray, jsonRow } from '../../db/json-shapes.ts';
import { defineRead, readOne, type Slots } from '../../db/read-together.ts';
import { attendeeQuestions, type AttendeeQuestion } from '../../db/schema/index.ts';

const q = aliased(attendeeQuestions, 'q');
const questionsJson = jsonArray(jsonRow(q), sql`${q.sortOrder}, ${q.createdAt}`);

/** The conference's active attendee questions in display order: what checkout asks and accepts. */
export const activeQuestionsRead = defineRead(
  (v: Slots<{ conferenceId: string }>) =>
    sql`SELECT ${questionsJson} FROM ${fromOf(q)} WHERE ${q.conferenceId} = ${v.conferenceId} AND ${q.isActive}`,
  (value): AttendeeQuestion[] => questionsJson.decode(value),
);

export function listActiveQuestions(
  db: Database,
  conferenceId: string,
): Promise<AttendeeQuestion[]> {
  return readOne(db, activeQuestionsRead({ conferenceId }));
}
