/**
 * Why a Pretalx request failed, in our words. `token_refused` also covers Pretalx's 403, which it
 * documents as "the event does not exist or you have no permission to view it".
 */
export type PretalxFailure =
  'token_refused' | 'event_not_found' | 'unreachable' | 'rate_limited' | 'bad_response';

/** A failed call to Pretalx; `message` is one line an organiser can act on, never a stack. */
export class PretalxError extends Error {
  constructor(
    readonly failure: PretalxFailure,
    message: string,
    readonly httpStatus: number | undefined = undefined,
  ) {
    super(message);
    this.name = 'PretalxError';
  }
}

export function isPretalxError(error: unknown): error is PretalxError {
  return error instanceof PretalxError;
}
