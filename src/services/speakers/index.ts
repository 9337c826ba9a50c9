export { speakerErrors } from './errors.ts';
export { PROGRAM_STATES, planProgramMirror, type ProgramMirror } from './plan-program-mirror.ts';
export {
  pretalxClientFor,
  setPretalxCredentials,
  type PretalxCredentials,
} from './pretalx-credentials.ts';
export { syncPretalxSpeakers, type PretalxSyncReport } from './sync-pretalx-speakers.ts';
