import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conference } from '../../src/db/schema/index.ts';
import { BUILT_IN_ROLES } from '../../src/domain/permissions.ts';
import { grantRole } from '../../src/services/access/index.ts';
import { makeConference } from '../factories/index.ts';
import { buildTestApp } from '../support/app.ts';
import { makeBuyers, type Buyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

/**
 * D6.5 / D5.5: who may call what, per built-in role, route by route (paths under
 * `/api/v1/conferences/:slug/manage`). The test calls every guarded route as someone holding only
 * that role and compares 403 / not-403 with this table, so changing a role or a route's
 * permission shows up here as a diff. Roles with no line here (checkin-staff, sponsor-manager,
 * program-committee) have no route yet: check-in, sponsors, bulk purchases and the program come
 * with later issues; their permissions are granted already (see src/domain/permissions.ts).
 */
const ORG = 'organizer';
const REG = 'registration-manager';
const FIN = 'finance';
const REP = 'reports-viewer';
const RO = 'read-only';

const CATALOG_READERS = [ORG, REG, FIN, RO];
const CATALOG_EDITORS = [ORG, REG];

const EXPECTED: Record<string, string[]> = {
  'GET /ticket-types': CATALOG_READERS,
  'POST /ticket-types': CATALOG_EDITORS,
  'GET /ticket-types/:id': CATALOG_READERS,
  'PATCH /ticket-types/:id': CATALOG_EDITORS,
  'DELETE /ticket-types/:id': CATALOG_EDITORS,
  'GET /addons': CATALOG_READERS,
  'POST /addons': CATALOG_EDITORS,
  'GET /addons/:id': CATALOG_READERS,
  'PATCH /addons/:id': CATALOG_EDITORS,
  'DELETE /addons/:id': CATALOG_EDITORS,
  'GET /vouchers': CATALOG_READERS,
  'POST /vouchers': CATALOG_EDITORS,
  'GET /vouchers/:id': CATALOG_READERS,
  'PATCH /vouchers/:id': CATALOG_EDITORS,
  'DELETE /vouchers/:id': CATALOG_EDITORS,
  'POST /vouchers/bulk': CATALOG_EDITORS,
  'GET /vouchers/export.csv': [ORG, FIN, REP, RO],
  'GET /discounts': CATALOG_READERS,
  'POST /discounts': CATALOG_EDITORS,
  'GET /discounts/:id': CATALOG_READERS,
  'PATCH /discounts/:id': CATALOG_EDITORS,
  'DELETE /discounts/:id': CATALOG_EDITORS,
  'GET /groups': CATALOG_READERS,
  'POST /groups': CATALOG_EDITORS,
  'GET /groups/:id': CATALOG_READERS,
  'PATCH /groups/:id': CATALOG_EDITORS,
  'DELETE /groups/:id': CATALOG_EDITORS,
  'POST /groups/:id/members': CATALOG_EDITORS,
  'DELETE /groups/:id/members/:userId': CATALOG_EDITORS,
  'POST /orders/:reference/payments': [ORG, FIN],
  'POST /orders/:reference/refunds': [ORG, FIN],
  'POST /credits': [ORG, FIN],
  'PUT /stripe': [ORG],
  'GET /roles': [ORG],
  'GET /role-assignments': [ORG],
  'POST /role-assignments': [ORG],
  'DELETE /role-assignments': [ORG],
  'GET /api-tokens': [ORG],
  'POST /api-tokens': [ORG],
  'DELETE /api-tokens/:id': [ORG],
  'GET /audit-log': [ORG, FIN],
};

const PREFIX = '/api/v1/conferences/:slug/manage';

/** A path with every parameter filled: the guard answers before any lookup of ids. */
function fill(url: string, slug: string): string {
  return url
    .replace(':slug', slug)
    .replace(':reference', 'ORD-ABCDEFGH')
    .replace(/:[a-zA-Z]+/g, () => randomUUID());
}

describeEachBackend('D6.5 each built-in role calls exactly the routes its job needs', (ctx) => {
  let app: FastifyInstance;
  let home: Conference;
  const holders = new Map<string, Buyer>();

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    home = await makeConference(ctx.db);
    const people = await makeBuyers(ctx.db, BUILT_IN_ROLES.length);
    for (const [index, role] of BUILT_IN_ROLES.entries()) {
      const person = people[index] as Buyer;
      await grantRole(ctx.db, {
        conference: home,
        email: person.email,
        roleKey: role.key,
        actor: { kind: 'operator' },
        now: new Date(),
      });
      holders.set(role.key, person);
    }
  });
  afterAll(() => app.close());

  it('D6.5 per route, the roles whose holders get past the guard (403 for all others)', async () => {
    const actual: Record<string, string[]> = {};
    for (const route of app.guardedRoutes) {
      const key = `${route.method} ${route.url.slice(PREFIX.length)}`;
      actual[key] = [];
      for (const role of BUILT_IN_ROLES) {
        const person = holders.get(role.key);
        if (!person) throw new Error(`no holder of ${role.key}`);
        const response = await app.inject({
          method: route.method as 'GET',
          url: fill(route.url, home.slug),
          headers: { cookie: person.cookie },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        expect(response.statusCode, `${key} as ${role.key}: ${response.body}`).not.toBe(401);
        expect(response.statusCode, `${key} as ${role.key}`).toBeLessThan(500);
        if (response.statusCode === 403) expect(response.json().error.code).toBe('FORBIDDEN');
        else actual[key].push(role.key);
      }
    }
    const order = (roles: string[]) =>
      BUILT_IN_ROLES.map((r) => r.key).filter((key) => roles.includes(key));
    expect(actual).toEqual(
      Object.fromEntries(Object.entries(EXPECTED).map(([key, roles]) => [key, order(roles)])),
    );
  });
});
