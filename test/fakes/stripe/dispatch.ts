import { invalidKey, PUBLISHABLE_KEY_REFUSED, readCredential } from './auth.ts';
import {
  authenticationError,
  errorResponseBody,
  FakeStripeError,
  internalError,
  unrecognizedUrl,
} from './errors.ts';
import { runIdempotently, type ExecutedResponse } from './idempotency.ts';
import { newRequestId } from './ids.ts';
import { parseForm, type Params } from './params.ts';
import { ROUTES } from './routes/index.ts';
import { matchRoute, type KeyKind, type RouteContext } from './routes/route.ts';
import type { AccountState } from './store.ts';

/** A request as it arrived: the body is the raw form-encoded text. */
export interface FakeHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type KeyLookup = (key: string) => { account: AccountState; kind: KeyKind } | undefined;

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Expose-Headers':
    'Request-Id, Stripe-Version, Idempotency-Key, Idempotent-Replayed',
  'Access-Control-Max-Age': '300',
};

function header(request: FakeHttpRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function serialize(body: object): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

function execute(run: () => object): ExecutedResponse {
  try {
    return { status: 200, body: serialize(run()), save: true };
  } catch (error) {
    if (!(error instanceof FakeStripeError)) throw error;
    return {
      status: error.status,
      body: serialize(errorResponseBody(error)),
      save: !error.validation,
    };
  }
}

function preflight(request: FakeHttpRequest): FakeHttpResponse {
  return {
    status: 200,
    headers: {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, POST, HEAD, OPTIONS, DELETE',
      'Access-Control-Allow-Headers':
        header(request, 'access-control-request-headers') ??
        'Authorization, Content-Type, Idempotency-Key, Stripe-Version',
    },
    body: '',
  };
}

interface Authorized {
  account: AccountState;
  kind: KeyKind;
}

function authorize(request: FakeHttpRequest, params: Params, lookupKey: KeyLookup): Authorized {
  const credential = readCredential(header(request, 'authorization'), params);
  const resolved = lookupKey(credential.key);
  if (!resolved) throw invalidKey(credential.key);
  if (credential.fromParams) delete params['key'];
  return resolved;
}

/** Routes, runs and, for a POST with an Idempotency-Key, runs at most once per key. */
function answer(
  request: FakeHttpRequest,
  method: string,
  lookupKey: KeyLookup,
  headers: Record<string, string>,
): FakeHttpResponse {
  const url = new URL(request.url, 'http://fake-stripe.invalid');
  const params = parseForm(method === 'POST' ? request.body : url.search.slice(1));
  const { account, kind } = authorize(request, params, lookupKey);
  headers['Stripe-Version'] ??= account.apiVersion;
  const match = matchRoute(ROUTES, method, url.pathname);
  if (!match) throw unrecognizedUrl(method, url.pathname);
  if (kind === 'publishable' && !match.route.publishable) {
    throw authenticationError(PUBLISHABLE_KEY_REFUSED);
  }
  // Stripe ignores idempotency keys on GET; they only guard writes.
  const idempotencyKey = method === 'POST' ? header(request, 'idempotency-key') : undefined;
  const ctx: RouteContext = {
    account,
    params,
    path: match.path,
    keyKind: kind,
    request: { id: headers['Request-Id'] ?? null, idempotency_key: idempotencyKey ?? null },
  };
  const run = () => match.route.run(ctx);
  if (idempotencyKey === undefined) {
    const result = execute(run);
    return { status: result.status, headers, body: result.body };
  }
  headers['Idempotency-Key'] = idempotencyKey;
  const result = runIdempotently(
    account.idempotency,
    { key: idempotencyKey, method, path: url.pathname, params, now: account.clock.nowSeconds() },
    () => execute(run),
  );
  if (result.replayed) headers['Idempotent-Replayed'] = 'true';
  return { status: result.status, headers, body: result.body };
}

/**
 * Answers one API request synchronously. Nothing here awaits, so each request's checks and
 * writes (idempotency included) happen without another request interleaving.
 */
export function createDispatcher(
  lookupKey: KeyLookup,
): (request: FakeHttpRequest) => FakeHttpResponse {
  return (request) => {
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return preflight(request);
    const headers: Record<string, string> = {
      ...CORS_HEADERS,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, no-store',
      'Request-Id': newRequestId(),
    };
    const stripeVersion = header(request, 'stripe-version');
    if (stripeVersion) headers['Stripe-Version'] = stripeVersion;
    try {
      return answer(request, method, lookupKey, headers);
    } catch (error) {
      const failure = error instanceof FakeStripeError ? error : internalError(error);
      return { status: failure.status, headers, body: serialize(errorResponseBody(failure)) };
    }
  };
}
