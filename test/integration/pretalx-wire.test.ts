import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPretalxClient } from '../../src/integrations/pretalx/index.ts';
import { unique } from '../factories/index.ts';
import {
  mirrorOf,
  pretalxHarness,
  sampleProgram,
  startFakePretalx,
  type RunningFakePretalx,
} from '../fakes/pretalx/index.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

describeEachBackend('Pretalx API versions (issue #6)', (ctx) => {
  let legacy: RunningFakePretalx;
  const h = pretalxHarness(ctx, () => legacy.url);

  beforeAll(async () => {
    legacy = await startFakePretalx({ apiVersion: 'legacy', maxPageSize: 2 });
  });
  afterAll(() => legacy.stop());

  it('the legacy API (speaker objects in submissions, limit/offset pages) mirrors the same', async () => {
    const event = unique('legacy');
    const token = unique('tok');
    const [ada, grace] = [await makeBuyer(ctx.db), await makeBuyer(ctx.db)];
    legacy.setEvent(event, sampleProgram(token, ada, grace));
    const conference = await h.connectedConference(event, token);
    expect(await h.sync(conference)).toEqual({
      speakers: 6,
      talks: 5,
      linked: 2,
      removedSpeakers: 0,
      removedTalks: 0,
    });
    expect((await mirrorOf(ctx.db, conference.id)).links).toContain('T2:CCCCCC');
    expect(legacy.requests.map((r) => r.query['offset'] ?? '-')).toEqual([
      '-',
      '2',
      '4',
      '6',
      '-',
      '2',
      '4',
      '6',
    ]);
  });
});

describe('the Pretalx client', () => {
  /** A Pretalx whose first page links onwards to `next`; it records where the token went. */
  function serverLinkingTo(next: string) {
    const asked: string[] = [];
    const fetchImpl: typeof fetch = (input) => {
      const url = String(input);
      asked.push(url);
      const first = url.includes('/speakers/') && !url.includes('page=2');
      const body = { count: 2, next: first ? next : null, previous: null, results: [] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    };
    return { asked, fetchImpl };
  }

  it('follows `next` on its own host (keeping its scheme) and never sends the token elsewhere', async () => {
    const proxied = serverLinkingTo('http://cfp.example.org/api/events/ev/speakers/?page=2');
    const client = createPretalxClient({
      baseUrl: 'https://cfp.example.org/',
      token: 't0ken',
      fetch: proxied.fetchImpl,
    });
    await client.fetchProgram('ev');
    expect(proxied.asked).toEqual([
      'https://cfp.example.org/api/events/ev/speakers/?page_size=50&limit=50',
      'https://cfp.example.org/api/events/ev/speakers/?page=2',
      'https://cfp.example.org/api/events/ev/submissions/?page_size=50&limit=50',
    ]);

    const hostile = serverLinkingTo('https://elsewhere.example.com/api/events/ev/speakers/?page=2');
    await expect(
      createPretalxClient({
        baseUrl: 'https://cfp.example.org',
        token: 't0ken',
        fetch: hostile.fetchImpl,
      }).fetchProgram('ev'),
    ).rejects.toMatchObject({
      failure: 'bad_response',
      message: expect.stringContaining('another host'),
    });
    expect(hostile.asked).toHaveLength(1);
  });
});
