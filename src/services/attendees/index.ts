export { ensureAttendee } from './ensure-attendee.ts';
