export { getConferenceBySlugOrThrow, listConferences } from './get-conference.ts';
