/** The one way the web app talks to the server: JSON in, JSON out, errors as `ApiError`. */

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

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the API; resolves with the parsed body or throws `ApiError` with words for the buyer. */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE, {});
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = errorFromBody(response.status, body);
    if (SESSION_GONE.has(error.code)) window.dispatchEvent(new Event(SESSION_GONE_EVENT));
    throw error;
  }
  return body as T;
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
