import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conference } from '../../src/db/schema/index.ts';
import { roleAssignments, roles } from '../../src/db/schema/index.ts';
import { PERMISSIONS, type Permission } from '../../src/domain/permissions.ts';
import { createApiToken, revokeApiToken } from '../../src/services/access/index.ts';
import { makeConference } from '../factories/index.ts';
import { buildTestApp } from '../support/app.ts';
import { makeBuyers, type Buyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

/** A path with every parameter filled: the guard answers before any lookup of ids. */
function fill(url: string, slug: string): string {
  return url
    .replace(':slug', slug)
    .replace(':reference', 'ORD-ABCDEFGH')
    .replace(/:[a-zA-Z]+/g, () => randomUUID());
}

/** Everything except `permission` (and the `change_` that would imply a `view_`). */
function allBut(permission: Permission): Permission[] {
  const change = permission.replace(/^view_/, 'change_');
  return PERMISSIONS.filter((p) => p !== permission && p !== change);
}

describeEachBackend('permissions, generated from the route table (D5.5, D6.2)', (ctx) => {
  let app: FastifyInstance;
  let home: Conference;
  let elsewhere: Conference;
  const holders = new Map<Permission, { holder: Buyer; lacking: Buyer; token: string }>();
  let stranger: Buyer;
  let otherOrganiser: Buyer;
  let otherToken: string;

  async function role(conference: Conference, key: string, permissions: Permission[]) {
    const [row] = await ctx.db
      .insert(roles)
      .values({ conferenceId: conference.id, key, name: key, permissions })
      .returning();
    if (!row) throw new Error('role not created');
    return row;
  }

  async function assign(user: Buyer, conference: Conference, roleId: string) {
    await ctx.db
      .insert(roleAssignments)
      .values({ userId: user.id, conferenceId: conference.id, roleId });
  }

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    home = await makeConference(ctx.db);
    elsewhere = await makeConference(ctx.db);
    const people = await makeBuyers(ctx.db, PERMISSIONS.length * 2 + 2);
    [stranger, otherOrganiser] = people as [Buyer, Buyer];
    const organiserElsewhere = await role(elsewhere, 'everything', [...PERMISSIONS]);
    await assign(otherOrganiser, elsewhere, organiserElsewhere.id);
    otherToken = (
      await createApiToken(ctx.db, {
        conference: elsewhere,
        name: 'other scanner',
        permissions: [...PERMISSIONS],
        expiresAt: null,
        actor: { kind: 'operator' },
        now: new Date(),
      })
    ).token;
    let next = 2;
    for (const permission of PERMISSIONS) {
      const holder = people[next++] as Buyer;
      const lacking = people[next++] as Buyer;
      await assign(holder, home, (await role(home, `only-${permission}`, [permission])).id);
      await assign(
        lacking,
        home,
        (await role(home, `all-but-${permission}`, allBut(permission))).id,
      );
      const { token } = await createApiToken(ctx.db, {
        conference: home,
        name: `token ${permission}`,
        permissions: [permission],
        expiresAt: null,
        actor: { kind: 'operator' },
        now: new Date(),
      });
      holders.set(permission, { holder, lacking, token });
    }
  });
  afterAll(() => app.close());

  const send = (method: string, url: string, headers: Record<string, string>) =>
    app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    });

  it('covers every organiser route: a new route without a declared permission cannot even start', () => {
    expect(app.guardedRoutes.length).toBeGreaterThanOrEqual(40);
    const urls = app.guardedRoutes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('POST /api/v1/conferences/:slug/manage/orders/:reference/refunds');
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('anonymous → 401; no role, another conference’s organiser or token, or every permission but the one needed → 403; holding it → through', async () => {
    for (const route of app.guardedRoutes) {
      const url = fill(route.url, home.slug);
      const label = `${route.method} ${route.url} (${route.permission})`;
      const entry = holders.get(route.permission);
      if (!entry) throw new Error(`no holder for ${route.permission}`);

      expect((await send(route.method, url, {})).statusCode, `${label} anonymous`).toBe(401);
      for (const [who, headers] of [
        ['no role', { cookie: stranger.cookie }],
        ['organiser elsewhere', { cookie: otherOrganiser.cookie }],
        ['token of another conference', { authorization: `Bearer ${otherToken}` }],
        ['all but this permission', { cookie: entry.lacking.cookie }],
      ] as const) {
        const response = await send(route.method, url, headers);
        expect(response.statusCode, `${label} ${who}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
      for (const [who, headers] of [
        ['holder', { cookie: entry.holder.cookie }],
        ['token holder', { authorization: `Bearer ${entry.token}` }],
      ] as const) {
        const response = await send(route.method, url, headers);
        expect([401, 403], `${label} ${who}: ${response.body}`).not.toContain(response.statusCode);
        expect(response.statusCode, `${label} ${who}`).toBeLessThan(500);
      }
    }
  });

  it('a revoked or expired token is refused; a token never reaches buyer routes', async () => {
    const { token, row } = await createApiToken(ctx.db, {
      conference: home,
      name: 'short-lived',
      permissions: ['view_commerce'],
      expiresAt: null,
      actor: { kind: 'operator' },
      now: new Date(),
    });
    const url = `/api/v1/conferences/${home.slug}/manage/ticket-types`;
    expect((await send('GET', url, { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    await revokeApiToken(ctx.db, {
      conference: home,
      tokenId: row.id,
      actor: { kind: 'operator' },
      now: new Date(),
    });
    expect((await send('GET', url, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    const expired = await createApiToken(ctx.db, {
      conference: home,
      name: 'expired',
      permissions: ['view_commerce'],
      expiresAt: new Date(Date.now() - 1000),
      actor: { kind: 'operator' },
      now: new Date(),
    });
    expect((await send('GET', url, { authorization: `Bearer ${expired.token}` })).statusCode).toBe(
      401,
    );
    const cart = await send('GET', `/api/v1/conferences/${home.slug}/cart`, {
      authorization: `Bearer ${holders.get('view_commerce')?.token ?? ''}`,
    });
    expect(cart.statusCode).toBe(401);
  });
});
