import type { z } from 'zod';
import { PretalxError } from './errors.ts';
import {
  wirePage,
  wireSpeaker,
  wireSubmission,
  type PretalxSpeaker,
  type PretalxSubmission,
} from './wire.ts';

/** Everything Lanyard reads from one Pretalx event: its speakers and all its submissions. */
export interface PretalxProgram {
  speakers: PretalxSpeaker[];
  submissions: PretalxSubmission[];
}

/** Pretalx in our words (STYLE §9); no wire shape leaves this folder unparsed. */
export interface PretalxClient {
  fetchProgram(eventSlug: string): Promise<PretalxProgram>;
}

export interface PretalxClientOptions {
  /** Where Pretalx lives, e.g. `https://pretalx.com` or `https://cfp.example.org/pretalx`. */
  baseUrl: string;
  /** An organiser token: only those see speaker emails, which linking needs. */
  token: string;
  /** Pretalx caps pages at 50 by default (fundamentals.rst, "Pagination"). */
  pageSize?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface Connection {
  base: URL;
  root: string;
  token: string;
  pageSize: number;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** A guard against a server whose `next` links never end. */
const MAX_PAGES = 2_000;

export function createPretalxClient(options: PretalxClientOptions): PretalxClient {
  const base = new URL(options.baseUrl);
  const connection: Connection = {
    base,
    root: `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
    token: options.token,
    pageSize: options.pageSize ?? 50,
    timeoutMs: options.timeoutMs ?? 20_000,
    fetch: options.fetch ?? fetch,
  };
  return {
    async fetchProgram(eventSlug) {
      const speakers = await listAll(connection, eventSlug, 'speakers', wireSpeaker);
      const submissions = await listAll(connection, eventSlug, 'submissions', wireSubmission);
      return { speakers, submissions };
    },
  };
}

/** Follows `next` links until the list ends; parses every item or fails naming the bad one. */
async function listAll<T>(
  connection: Connection,
  event: string,
  resource: 'speakers' | 'submissions',
  schema: z.ZodType<T>,
): Promise<T[]> {
  const first = new URL(`${connection.root}/api/events/${encodeURIComponent(event)}/${resource}/`);
  // v1 pages with `page_size`, the legacy API with `limit`; each ignores the other's parameter,
  // and both hand back absolute `next` links, which are all we follow (API changelog, v1).
  first.searchParams.set('page_size', String(connection.pageSize));
  first.searchParams.set('limit', String(connection.pageSize));
  const seen = new Set<string>();
  const items: T[] = [];
  let url: URL | null = first;
  while (url) {
    if (seen.has(url.href) || seen.size >= MAX_PAGES)
      throw badResponse(
        connection,
        `its ${resource} list does not end (${url.pathname}${url.search})`,
      );
    seen.add(url.href);
    const page = await getPage(connection, url, event);
    for (const raw of page.results) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `${issue.path.join('.') || 'item'}: ${issue.message}` : 'invalid';
        throw badResponse(
          connection,
          `${resource} item ${items.length + 1} is malformed (${where})`,
        );
      }
      items.push(parsed.data);
    }
    url = page.next ? nextPageUrl(connection, page.next, url) : null;
  }
  return items;
}

async function getPage(connection: Connection, url: URL, event: string) {
  let response: Response;
  try {
    response = await connection.fetch(url, {
      headers: { Authorization: `Token ${connection.token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(connection.timeoutMs),
    });
  } catch (error) {
    throw new PretalxError(
      'unreachable',
      `Could not reach Pretalx at ${connection.root}: ${describeNetworkError(error, connection)}.`,
    );
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) throw failureFor(connection, response, body, event);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw badResponse(
      connection,
      `it answered with something that is not JSON (HTTP ${response.status}); is the Pretalx URL right?`,
    );
  }
  const page = wirePage.safeParse(json);
  if (!page.success) throw badResponse(connection, 'its answer is not a paginated list');
  return page.data;
}

function failureFor(
  connection: Connection,
  response: Response,
  body: string,
  event: string,
): PretalxError {
  const { status } = response;
  const at = `Pretalx at ${connection.root}`;
  const detail = detailOf(body);
  if (status === 401)
    return new PretalxError(
      'token_refused',
      `${at} refused the API token (HTTP 401${detail}).`,
      status,
    );
  if (status === 403)
    return new PretalxError(
      'token_refused',
      `${at} refused the API token for event "${event}" (HTTP 403${detail}): the token may lack access to that event, or the event may not exist.`,
      status,
    );
  if (status === 404)
    return new PretalxError('event_not_found', `${at} has no event "${event}" (HTTP 404).`, status);
  if (status === 429) {
    const wait = response.headers.get('retry-after');
    const when = wait && /^\d+$/.test(wait) ? `in ${wait} seconds` : 'in a minute';
    return new PretalxError(
      'rate_limited',
      `${at} is limiting requests (HTTP 429); try again ${when}.`,
      status,
    );
  }
  if (status >= 500)
    return new PretalxError(
      'unreachable',
      `${at} failed (HTTP ${status}); try again later.`,
      status,
    );
  return new PretalxError('bad_response', `${at} answered HTTP ${status}${detail}.`, status);
}

/** Pretalx errors look like `{"detail": "Invalid token."}` (fundamentals.rst, "Errors"). */
function detailOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      parsed &&
      typeof parsed === 'object' &&
      'detail' in parsed &&
      typeof parsed.detail === 'string'
    )
      return `: ${parsed.detail.slice(0, 200)}`;
  } catch {
    // Not JSON (an HTML error page): the status says enough.
  }
  return '';
}

/**
 * The token travels with every request, so `next` is followed only on the configured host. Behind
 * a TLS-terminating proxy Pretalx may write `http://` links; our scheme and port are kept.
 */
function nextPageUrl(connection: Connection, next: string, current: URL): URL {
  let url: URL;
  try {
    url = new URL(next, current);
  } catch {
    throw badResponse(connection, `its next-page link is not a URL (${next.slice(0, 100)})`);
  }
  if (url.hostname !== connection.base.hostname)
    throw badResponse(
      connection,
      `its next-page link points to another host (${url.hostname}); the token is not sent there`,
    );
  url.protocol = connection.base.protocol;
  url.port = connection.base.port;
  return url;
}

function badResponse(connection: Connection, why: string): PretalxError {
  return new PretalxError(
    'bad_response',
    `Pretalx at ${connection.root} answered unexpectedly: ${why}.`,
  );
}

function describeNetworkError(error: unknown, connection: Connection): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${Math.round(connection.timeoutMs / 1000)} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  // undici says only "fetch failed"; the cause names the reason (ECONNREFUSED, ENOTFOUND, ...).
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string')
    return cause.code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
