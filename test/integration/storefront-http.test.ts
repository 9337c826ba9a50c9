import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attendeeQuestions } from '../../src/db/schema/index.ts';
import { ensureAttendee } from '../../src/services/attendees/index.ts';
import { accessQrContent } from '../../src/services/emails/index.ts';
import { makeConference, makeRawOrder, makeTicketType, makeUser } from '../factories/index.ts';
import { buildTestApp, sessionCookieOf } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';

const PASSWORD = 'correct horse battery';

describeEachBackend('storefront routes: attendee questions and the access QR code', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(() => app.close());

  /** A buyer with a session cookie, as the web app holds it. */
  async function buyer() {
    const user = await makeUser(ctx.db, { password: PASSWORD });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: PASSWORD },
    });
    return { user, cookie: sessionCookieOf(response) };
  }

  it('lists the active questions in order, with what checkout accepts', async () => {
    const conference = await makeConference(ctx.db);
    await ctx.db.insert(attendeeQuestions).values([
      {
        conferenceId: conference.id,
        key: 'dietary',
        label: 'Dietary needs',
        kind: 'text',
        sortOrder: 2,
      },
      {
        conferenceId: conference.id,
        key: 'tshirt',
        label: 'T-shirt size',
        kind: 'select',
        options: ['S', 'M'],
        isRequired: true,
        sortOrder: 1,
      },
      { conferenceId: conference.id, key: 'old', label: 'Retired', isActive: false },
    ]);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/questions`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      questions: [
        {
          key: 'tshirt',
          label: 'T-shirt size',
          kind: 'select',
          options: ['S', 'M'],
          required: true,
        },
        { key: 'dietary', label: 'Dietary needs', kind: 'text', options: [], required: false },
      ],
    });
    const missing = await app.inject({ method: 'GET', url: '/api/v1/conferences/nope/questions' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CONFERENCE_NOT_FOUND');
  });

  it('D1.3 draws the paid order’s access code as an SVG QR code for its buyer only', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const owner = await buyer();
    const paid = await makeRawOrder(ctx.db, {
      conference,
      user: owner.user,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    const attendee = await ensureAttendee(ctx.db, paid, new Date());
    const url = `/api/v1/conferences/${conference.slug}/orders/${paid.reference}/access-qr.svg`;

    const mine = await app.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(mine.headers['cache-control']).toBe('private, no-store');
    expect(mine.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(accessQrContent(conference.slug, attendee.accessCode)).toBe(
      `${conference.slug}:${attendee.accessCode}`,
    );

    const stranger = await buyer();
    const theirs = await app.inject({ method: 'GET', url, headers: { cookie: stranger.cookie } });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('ORDER_NOT_FOUND');

    const anonymous = await app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);

    const pending = await makeRawOrder(ctx.db, {
      conference,
      user: owner.user,
      status: 'pending',
      holdExpiresAt: new Date(Date.now() + 600_000),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    const unpaid = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/orders/${pending.reference}/access-qr.svg`,
      headers: { cookie: owner.cookie },
    });
    expect(unpaid.statusCode).toBe(404);
    expect(unpaid.json().error.message).toBe('This order has no access code until it is paid.');
  });
});
