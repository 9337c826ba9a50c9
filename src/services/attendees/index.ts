export { ensureAttendee } from './ensure-attendee.ts';
export { activeQuestionsRead, listActiveQuestions } from './list-questions.ts';
