export {
  createPretalxClient,
  type PretalxClient,
  type PretalxClientOptions,
  type PretalxProgram,
} from './client.ts';
export { isPretalxError, PretalxError, type PretalxFailure } from './errors.ts';
export type { PretalxSpeaker, PretalxSubmission } from './wire.ts';
