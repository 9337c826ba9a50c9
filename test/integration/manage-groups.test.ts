import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { expectError } from '../support/expect-error.ts';
import { makeConference } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';

describeEachBackend('groups over HTTP', (ctx) => {
  let app: FastifyInstance;
  let cookie: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    cookie = await staffCookie(app, ctx.db);
  });
  afterAll(() => app.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    app.inject({ method, url, headers: { cookie }, payload });

  // Found by the API fuzz: "$!{" derives an empty slug, which the database refused with a 500.
  it('D6.3 a name with no letter or digit is 400 on create and on rename, not a 500', async () => {
    const { slug } = await makeConference(ctx.db);
    const base = `/api/v1/conferences/${slug}/manage/groups`;
    const refused = await send('POST', base, { name: '$!{' });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.json().error.details.fields).toEqual([
      { path: 'body.name', message: 'must contain a letter or a digit' },
    ]);
    const created = await send('POST', base, { name: 'Speakers 2027' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expectError(await send('PATCH', `${base}/${id}`, { name: '---' }), 400, 'VALIDATION_FAILED');
    expectError(await send('POST', base, { name: 'speakers  2027' }), 409, 'GROUP_NAME_TAKEN');
  });
});
