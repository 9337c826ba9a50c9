import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTicketType, unique } from '../factories/index.ts';
import { makeCondition } from '../factories/sales.ts';
import {
  mirrorOf,
  pretalxHarness,
  sampleProgram,
  startFakePretalx,
  type FakeEvent,
  type RunningFakePretalx,
} from '../fakes/pretalx/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

describeEachBackend('speakers and talks from Pretalx (issue #6)', (ctx) => {
  let pretalx: RunningFakePretalx;
  let app: FastifyInstance;
  const h = pretalxHarness(ctx, () => pretalx.url);
  beforeAll(async () => {
    // Three per page, so every list in these tests spans several pages.
    pretalx = await startFakePretalx({ maxPageSize: 3 });
    app = await buildTestApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await pretalx.stop();
  });

  it('a first sync mirrors the programme across pages and links accounts by email, ignoring case', async () => {
    const event = unique('pycon');
    const token = unique('tok');
    const [ada, grace] = [await makeBuyer(ctx.db), await makeBuyer(ctx.db)];
    pretalx.setEvent(event, sampleProgram(token, ada, grace));
    const conference = await h.connectedConference(event, token);
    expect(conference.pretalxTokenEnc).not.toContain(token);

    const report = await h.sync(conference);

    expect(report).toEqual({
      speakers: 6,
      talks: 5,
      linked: 2,
      removedSpeakers: 0,
      removedTalks: 0,
    });
    const mirror = await mirrorOf(ctx.db, conference.id);
    expect(mirror.speakers.map((s) => [s.pretalxCode, s.name, s.userId])).toEqual([
      ['AAAAAA', 'Ada', ada.id],
      ['BBBBBB', 'Bea', null],
      ['CCCCCC', 'Cy', null],
      ['DDDDDD', 'Di', null],
      ['EEEEEE', 'Ed', null],
      ['FFFFFF', 'Flo', grace.id],
    ]);
    expect(mirror.speakers[0]?.biography).toBe('Engines.');
    expect(mirror.talks.map((t) => `${t.code}:${t.state}`)).toEqual([
      'T1:confirmed',
      'T2:accepted',
      'T3:confirmed',
      'T4:confirmed',
      'T5:confirmed',
    ]);
    expect(mirror.links).toEqual([
      'T1:AAAAAA',
      'T2:BBBBBB',
      'T2:CCCCCC',
      'T3:DDDDDD',
      'T4:EEEEEE',
      'T5:AAAAAA',
      'T5:FFFFFF',
    ]);
    const mine = pretalx.requests.filter((r) => r.path.startsWith(`/api/events/${event}/`));
    expect(mine.every((r) => r.authorization === `Token ${token}` && r.status === 200)).toBe(true);
    // 7 listed speakers and 7 submissions, three a page: 3 + 3 pages, found by following `next`.
    expect(mine.map((r) => `${r.path.split('/')[4]}:${r.query['page'] ?? '1'}`)).toEqual([
      'speakers:1',
      'speakers:2',
      'speakers:3',
      'submissions:1',
      'submissions:2',
      'submissions:3',
    ]);
  });

  it('a second sync updates names, adds and removes speakers and talks, and relinks', async () => {
    const event = unique('pycon');
    const token = unique('tok');
    const [ada, grace] = [await makeBuyer(ctx.db), await makeBuyer(ctx.db)];
    const program = sampleProgram(token, ada, grace);
    pretalx.setEvent(event, program);
    const conference = await h.connectedConference(event, token);
    await h.sync(conference);
    const before = await mirrorOf(ctx.db, conference.id);

    const newcomer = await makeBuyer(ctx.db); // signed up after the first sync
    const bea = await makeBuyer(ctx.db);
    pretalx.setEvent(event, {
      token,
      speakers: [
        { code: 'AAAAAA', name: 'Ada Lovelace', email: ada.email },
        // Bea's email now matches an account; Cy left the pairing talk.
        { code: 'BBBBBB', name: 'Bea', email: bea.email },
        { code: 'CCCCCC', name: 'Cy', email: 'cy@example.net' },
        { code: 'DDDDDD', name: 'Di', email: 'di@example.net' },
        { code: 'FFFFFF', name: 'Flo', email: 'flo@example.net' },
        { code: 'HHHHHH', name: 'Hal', email: newcomer.email.toUpperCase() },
      ],
      submissions: [
        {
          code: 'T1',
          title: 'Analytical engines, revised',
          state: 'confirmed',
          speakers: ['AAAAAA'],
        },
        { code: 'T2', title: 'Pairing', state: 'confirmed', speakers: ['BBBBBB'] },
        { code: 'T3', title: 'Solo', state: 'withdrawn', speakers: ['DDDDDD'] },
        { code: 'T5', title: 'Compilers', state: 'confirmed', speakers: ['FFFFFF', 'AAAAAA'] },
        { code: 'T8', title: 'Newcomer', state: 'accepted', speakers: ['HHHHHH', 'CCCCCC'] },
      ],
    });

    const report = await h.sync(conference);

    expect(report).toEqual({
      speakers: 5,
      talks: 4,
      linked: 3,
      removedSpeakers: 2,
      removedTalks: 2,
    });
    const after = await mirrorOf(ctx.db, conference.id);
    expect(after.speakers.map((s) => [s.pretalxCode, s.name, s.userId])).toEqual([
      ['AAAAAA', 'Ada Lovelace', ada.id],
      ['BBBBBB', 'Bea', bea.id],
      ['CCCCCC', 'Cy', null],
      ['FFFFFF', 'Flo', null], // email changed away from Grace's account: unlinked
      ['HHHHHH', 'Hal', newcomer.id],
    ]);
    // Upserts keep row ids, so nothing that points at a speaker row is orphaned.
    expect(after.speakers[0]?.id).toBe(before.speakers[0]?.id);
    expect(after.talks.map((t) => `${t.code}:${t.title}`)).toEqual([
      'T1:Analytical engines, revised',
      'T2:Pairing',
      'T5:Compilers',
      'T8:Newcomer',
    ]);
    expect(after.links).toEqual([
      'T1:AAAAAA',
      'T2:BBBBBB',
      'T5:AAAAAA',
      'T5:FFFFFF',
      'T8:CCCCCC',
      'T8:HHHHHH',
    ]);

    // A third, unchanged sync is a no-op.
    expect(await h.sync(conference)).toEqual({ ...report, removedSpeakers: 0, removedTalks: 0 });
    expect(await mirrorOf(ctx.db, conference.id)).toEqual(
      expect.objectContaining({ talks: after.talks, links: after.links }),
    );
  });

  it('COND-5 the speaker discounts reach a speaker’s cart once the sync links them, and leave with the talk', async () => {
    const event = unique('pycon');
    const token = unique('tok');
    const conference = await h.connectedConference(event, token);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    await makeCondition(ctx.db, conference, {
      kind: 'speaker',
      name: 'Co-presenters',
      priority: 0,
      percentOffBp: 2000,
      isPresenter: false,
      isCopresenter: true,
    });
    await makeCondition(ctx.db, conference, {
      kind: 'speaker',
      name: 'Speakers',
      priority: 1,
      percentOffBp: 5000,
    });
    const [solo, pair, partner, stranger] = [
      await makeBuyer(ctx.db),
      await makeBuyer(ctx.db),
      await makeBuyer(ctx.db),
      await makeBuyer(ctx.db),
    ];
    const carts = await Promise.all(
      [solo, pair, stranger].map(async (buyer) => {
        const client = buyerClient(app, conference.slug, buyer);
        expect((await client.addTicket(ticket.id)).json().total).toBe(10_000);
        return client;
      }),
    );
    const program: FakeEvent = {
      token,
      speakers: [
        { code: 'SOLO01', name: 'Solo', email: solo.email.toUpperCase() },
        { code: 'PAIR01', name: 'Pair', email: pair.email },
        { code: 'PAIR02', name: 'Partner', email: partner.email },
      ],
      submissions: [
        { code: 'TSOLO', title: 'Alone', state: 'confirmed', speakers: ['SOLO01'] },
        { code: 'TPAIR', title: 'Together', state: 'accepted', speakers: ['PAIR01', 'PAIR02'] },
      ],
    };
    pretalx.setEvent(event, program);

    await h.sync(conference);

    const [soloCart, pairCart, strangerCart] = await Promise.all(
      carts.map(async (c) => (await c.cart()).json()),
    );
    expect(soloCart).toMatchObject({ total: 5_000, lines: [{ conditionName: 'Speakers' }] });
    expect(pairCart).toMatchObject({ total: 8_000, lines: [{ conditionName: 'Co-presenters' }] });
    expect(strangerCart.total).toBe(10_000);

    // Solo withdraws; the next sync removes the speaker record and with it the discount.
    pretalx.setEvent(event, {
      ...program,
      submissions: program.submissions.map((s) =>
        s.code === 'TSOLO' ? { ...s, state: 'withdrawn' } : s,
      ),
    });
    await h.sync(conference);
    expect((await carts[0]?.cart())?.json().total).toBe(10_000);
  });
});
