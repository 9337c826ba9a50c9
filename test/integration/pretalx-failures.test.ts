import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPERATOR } from '../../src/services/access/index.ts';
import { pretalxClientFor, setPretalxCredentials } from '../../src/services/speakers/index.ts';
import { makeConference, unique } from '../factories/index.ts';
import {
  mirrorOf,
  pretalxHarness,
  sampleProgram,
  startFakePretalx,
  type RunningFakePretalx,
} from '../fakes/pretalx/index.ts';
import { TEST_SECRET_BOX } from '../support/app.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

describeEachBackend('Pretalx sync failures change nothing (issue #6)', (ctx) => {
  let pretalx: RunningFakePretalx;
  const h = pretalxHarness(ctx, () => pretalx.url);
  beforeAll(async () => {
    pretalx = await startFakePretalx({ maxPageSize: 3 });
  });
  afterAll(() => pretalx.stop());

  it('a refused token, an unknown event, a failed page or no server: a clear error and nothing changed', async () => {
    const event = unique('pycon');
    const token = unique('tok');
    const [ada, grace] = [await makeBuyer(ctx.db), await makeBuyer(ctx.db)];
    pretalx.setEvent(event, sampleProgram(token, ada, grace));
    const conference = await h.connectedConference(event, token);
    await h.sync(conference);
    const before = await mirrorOf(ctx.db, conference.id);
    // Pretalx now says something else; none of the failures below may let it through.
    pretalx.setEvent(event, { token, speakers: [], submissions: [] });

    await h.connect(conference, event, 'wrong-token');
    await expect(h.sync(conference)).rejects.toMatchObject({
      code: 'PRETALX_TOKEN_REFUSED',
      message: `Pretalx at ${pretalx.url} refused the API token (HTTP 401: Invalid token.).`,
    });

    const other = unique('other');
    pretalx.setEvent(other, { token: unique('tok'), speakers: [], submissions: [] });
    await h.connect(conference, other, token);
    await expect(h.sync(conference)).rejects.toMatchObject({
      code: 'PRETALX_TOKEN_REFUSED',
      message: expect.stringContaining(`for event "${other}" (HTTP 403`),
    });

    await h.connect(conference, 'no-such-event', token);
    await expect(h.sync(conference)).rejects.toMatchObject({
      code: 'PRETALX_EVENT_NOT_FOUND',
      message: `Pretalx at ${pretalx.url} has no event "no-such-event" (HTTP 404).`,
    });

    await h.connect(conference, event, token);
    pretalx.setEvent(event, { ...sampleProgram(token, ada, grace), speakers: [] });
    pretalx.setFault({ resource: 'submissions', page: 2, status: 502 });
    try {
      await expect(h.sync(conference)).rejects.toMatchObject({
        code: 'PRETALX_UNREACHABLE',
        message: expect.stringContaining('failed (HTTP 502)'),
      });
    } finally {
      pretalx.setFault(null);
    }

    const gone = await startFakePretalx();
    await gone.stop();
    await expect(h.sync(conference, gone.url)).rejects.toMatchObject({
      code: 'PRETALX_UNREACHABLE',
      message: `Could not reach Pretalx at ${gone.url}: ECONNREFUSED.`,
    });

    expect(await mirrorOf(ctx.db, conference.id)).toEqual(before);
  });

  it('a conference without a Pretalx event or token is refused before any request', async () => {
    const conference = await makeConference(ctx.db);
    expect(() => pretalxClientFor(conference, TEST_SECRET_BOX, pretalx.url)).toThrow(
      expect.objectContaining({ code: 'PRETALX_NOT_CONFIGURED' }),
    );
    await expect(
      setPretalxCredentials(
        ctx.db,
        TEST_SECRET_BOX,
        conference.id,
        { eventSlug: 'a b', token: 'x' },
        new Date(),
        OPERATOR,
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: { eventSlug: expect.any(String), token: expect.any(String) } },
    });
  });
});
