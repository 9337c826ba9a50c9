import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { paginate, readPageRequest } from './pagination.ts';
import { listedSpeakers, speakerJson, submissionJson } from './serialize.ts';
import type {
  FakeApiVersion,
  FakeEvent,
  FakeFault,
  FakePretalxOptions,
  ReceivedRequest,
} from './types.ts';

export interface RunningFakePretalx {
  /** Base URL to hand to the client (`PRETALX_URL`), e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Creates or replaces an event's data; later requests see the new data. */
  setEvent(slug: string, event: FakeEvent): void;
  /** Makes one page answer with an error status until cleared with `null`. */
  setFault(fault: FakeFault | null): void;
  readonly requests: ReceivedRequest[];
  stop(): Promise<void>;
}

const LIST = /^\/api\/events\/([^/]+)\/(speakers|submissions|talks)\/$/;
const PROGRAM_STATES = new Set(['accepted', 'confirmed']);

/**
 * A stand-in for Pretalx's REST API (docs.pretalx.org/api): the event speaker and submission
 * lists, `Authorization: Token …`, paginated `{count, next, previous, results}` with absolute
 * `next` links, and DRF-style `{"detail": …}` errors. It serves organiser tokens only.
 */
export async function startFakePretalx(
  options: FakePretalxOptions = {},
): Promise<RunningFakePretalx> {
  const version: FakeApiVersion = options.apiVersion ?? 'v1';
  const maxPageSize = options.maxPageSize ?? 50;
  const events = new Map<string, FakeEvent>();
  const requests: ReceivedRequest[] = [];
  let fault: FakeFault | null = null;

  function respond(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const [status, body] = route(req, url);
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      status,
    });
    res.writeHead(status, { 'content-type': 'application/json', vary: 'Accept' });
    res.end(JSON.stringify(body));
  }

  function route(req: IncomingMessage, url: URL): [number, unknown] {
    const match = LIST.exec(url.pathname);
    if (!match) return [404, { detail: 'Not found.' }];
    if (req.method !== 'GET') return [405, { detail: `Method "${req.method}" not allowed.` }];
    const token = /^Token (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return [401, { detail: 'Authentication credentials were not provided.' }];
    if (![...events.values()].some((e) => e.token === token))
      return [401, { detail: 'Invalid token.' }];
    const slug = decodeURIComponent(match[1] ?? '');
    const resource = match[2] as FakeFault['resource'];
    const event = events.get(slug);
    if (!event) return [404, { detail: 'Not found.' }];
    if (event.token !== token)
      return [403, { detail: 'You do not have permission to perform this action.' }];
    const items = itemsOf(event, resource);
    const page = readPageRequest(url, version, maxPageSize, items.length);
    if (!page) return [404, { detail: 'Invalid page.' }];
    if (fault && fault.resource === resource && fault.page === page.number)
      return [fault.status, { detail: 'Server error.' }];
    return [200, paginate(items, page)];
  }

  function itemsOf(event: FakeEvent, resource: FakeFault['resource']): unknown[] {
    if (resource === 'speakers')
      return listedSpeakers(event).map((s) => speakerJson(s, event, version));
    const submissions =
      resource === 'talks'
        ? event.submissions.filter((s) => PROGRAM_STATES.has(s.state))
        : event.submissions;
    return submissions.map((s) => submissionJson(s, event, version));
  }

  const server = createServer(respond);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('Fake Pretalx is not listening on a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setEvent(slug, event) {
      // A copy, so a test mutating its arrays afterwards does not change what was served.
      events.set(slug, structuredClone(event));
    },
    setFault(next) {
      fault = next;
    },
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
