export { ensureAttendee } from './ensure-attendee.ts';
export { listActiveQuestions } from './list-questions.ts';
