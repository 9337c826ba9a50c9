/** The one way the web app talks to the server: JSON in, JSON out, errors as `ApiError`. */
import createClient from 'openapi-fetch';
import type { paths } from './openapi.d.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const NETWORK_MESSAGE = 'We could not reach the server. Check your connection and try again.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's `{error:{code,message,details}}`, or a plain message for anything else. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  if (error && typeof error['code'] === 'string' && typeof error['message'] === 'string') {
    const details = isRecord(error['details']) ? error['details'] : {};
    return new ApiError(status, error['code'], error['message'], details);
  }
  return new ApiError(
    status,
    'UNEXPECTED_RESPONSE',
    `The server answered ${status} without an explanation. Please try again.`,
    {},
  );
}

/**
 * The typed client over the generated OpenAPI types: paths, parameters, bodies and answers are
 * checked against what the server documents. The session cookie rides along (same origin); the
 * server refuses cross-site writes by origin, so there is no CSRF token to send.
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
});

/** What openapi-fetch resolves with: the parsed body on 2xx, the parsed error otherwise. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves with the answer's body, or throws `ApiError` with words for the buyer. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (caught) {
    // A 2xx whose body is not JSON: the server did not say what happened.
    if (caught instanceof SyntaxError) throw errorFromBody(200, null);
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE, {});
  }
  if (!answer.response.ok) {
    const error = errorFromBody(answer.response.status, answer.error);
    if (SESSION_GONE.has(error.code)) window.dispatchEvent(new Event(SESSION_GONE_EVENT));
    throw error;
  }
  return answer.data as T;
}

/** The server no longer knows the session (signed out elsewhere, expired): the app forgets it. */
export const SESSION_GONE_EVENT = 'lanyard:session-gone';
const SESSION_GONE = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'CLIENT', `Something went wrong in the page: ${message}`, {});
}

/**
 * Per-field messages from an error, keyed by the form field's name: `billingEmail` for a schema
 * failure on `body.billingEmail`, `answers.tshirt_size` for an attendee question.
 */
export function fieldErrorsOf(error: ApiError | null): Record<string, string> {
  const fields = error?.details['fields'];
  if (!Array.isArray(fields)) return {};
  const result: Record<string, string> = {};
  for (const field of fields) {
    if (!isRecord(field) || typeof field['message'] !== 'string') continue;
    if (typeof field['key'] === 'string') result[`answers.${field['key']}`] = field['message'];
    else if (typeof field['path'] === 'string') {
      const name = field['path'].replace(/^(body|querystring|params|headers)\.?/, '');
      result[name || 'form'] ??= field['message'];
    }
  }
  return result;
}
