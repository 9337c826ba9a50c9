export {
  conferenceBySlugRead,
  getConferenceBySlugOrThrow,
  listConferences,
} from './get-conference.ts';
export type { Conference } from '../../db/schema/index.ts';
