import { idempotencyError, invalidRequest } from './errors.ts';
import type { Params } from './params.ts';

/** The first response given for a key, replayed byte for byte to every later use of it. */
export interface SavedResponse {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  savedAt: number;
}

export interface ExecutedResponse {
  status: number;
  body: string;
  /** False when the request failed validation or Stripe itself failed: nothing is saved then. */
  save: boolean;
}

export interface IdempotentCall {
  key: string;
  method: string;
  path: string;
  params: Params;
  /** Seconds on the account's clock; keys are forgotten after a day, as at Stripe. */
  now: number;
}

export interface IdempotentResult {
  status: number;
  body: string;
  replayed: boolean;
}

const MAX_KEY_LENGTH = 255;
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

/** Entries are in insertion order, so expired ones are all at the front. */
function forgetExpired(saved: Map<string, SavedResponse>, now: number): void {
  for (const [key, response] of saved) {
    if (now - response.savedAt < KEY_LIFETIME_SECONDS) return;
    saved.delete(key);
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs `execute` at most once per key. Lookup, execution and saving happen in one synchronous
 * stretch, so two concurrent requests with the same key cannot both execute: the second one
 * only ever sees the saved result.
 */
export function runIdempotently(
  saved: Map<string, SavedResponse>,
  call: IdempotentCall,
  execute: () => ExecutedResponse,
): IdempotentResult {
  if (call.key.length > MAX_KEY_LENGTH) {
    throw invalidRequest(`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.`, {
      validation: true,
    });
  }
  forgetExpired(saved, call.now);
  const fingerprint = canonical(call.params);
  const previous = saved.get(call.key);
  if (previous) {
    if (previous.method !== call.method || previous.path !== call.path) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${previous.method} ${previous.path}' vs '${call.method} ${call.path}'). Try using a key other than '${call.key}' if you meant to execute a different request.`,
      );
    }
    if (previous.fingerprint !== fingerprint) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${call.key}' if you meant to execute a different request.`,
      );
    }
    return { status: previous.status, body: previous.body, replayed: true };
  }
  const response = execute();
  if (response.save) {
    saved.set(call.key, {
      method: call.method,
      path: call.path,
      fingerprint,
      status: response.status,
      body: response.body,
      savedAt: call.now,
    });
  }
  return { status: response.status, body: response.body, replayed: false };
}
