import { isDomainError } from '../domain/errors.ts';

const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 3_600_000;
const MAX_ERROR_LENGTH = 1_000;

/** 30 s after the first failed attempt, doubling each time, never more than an hour. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, LONGEST_WAIT_MS);
}

/** What `last_error` keeps: the message (no stack, which may carry paths), bounded in length. */
export function describeFailure(error: unknown): string {
  const message = isDomainError(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  const text = message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
