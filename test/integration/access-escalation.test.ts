import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { roleAssignments, roles, type Conference } from '../../src/db/schema/index.ts';
import { PERMISSIONS, type Permission } from '../../src/domain/permissions.ts';
import { makeConference } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import { buildTestApp } from '../support/app.ts';
import { makeBuyer, makeBuyers, type Buyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

type Headers = Record<string, string>;

describeEachBackend('D6.5 nobody gives away a permission they do not hold', (ctx) => {
  let app: FastifyInstance;
  let admin: string;
  let home: Conference;
  /** Holds only `manage_access` in `home` (and `organizer` in `elsewhere`). */
  let keeper: Buyer;
  /** An API token of `home` with only `manage_access`. */
  let keeperToken: string;
  /** Holds `manage_access` plus exactly the reports-viewer permissions, in `home`. */
  let reporter: Buyer;
  let target: Buyer;

  const send = (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    headers: Headers,
    payload?: object,
  ) =>
    app.inject({
      method,
      url: `/api/v1/conferences/${home.slug}/manage/${path}`,
      headers,
      ...(payload ? { payload } : {}),
    });

  async function customRole(conference: Conference, key: string, permissions: Permission[]) {
    const [row] = await ctx.db
      .insert(roles)
      .values({ conferenceId: conference.id, key, name: key, permissions })
      .returning();
    if (!row) throw new Error('role not created');
    return row;
  }

  async function holdRole(user: Buyer, conference: Conference, roleId: string) {
    await ctx.db
      .insert(roleAssignments)
      .values({ userId: user.id, conferenceId: conference.id, roleId });
  }

  async function mintAsAdmin(permissions: Permission[]): Promise<string> {
    const created = await send(
      'POST',
      'api-tokens',
      { cookie: admin },
      { name: 'keeper', permissions },
    );
    expect(created.statusCode, created.body).toBe(201);
    return created.json().token as string;
  }

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    admin = await staffCookie(app, ctx.db);
    home = await makeConference(ctx.db);
    const elsewhere = await makeConference(ctx.db);
    [keeper, reporter, target] = (await makeBuyers(ctx.db, 3)) as [Buyer, Buyer, Buyer];
    await holdRole(keeper, home, (await customRole(home, 'access-only', ['manage_access'])).id);
    // Everything elsewhere counts for nothing here: permissions are per conference (D5.5).
    await holdRole(keeper, elsewhere, (await customRole(elsewhere, 'all', [...PERMISSIONS])).id);
    const reports: Permission[] = [
      'manage_access',
      'view_dashboard',
      'view_reports',
      'export_reports',
    ];
    await holdRole(reporter, home, (await customRole(home, 'reports-and-access', reports)).id);
    keeperToken = await mintAsAdmin(['manage_access']);
  });
  afterAll(() => app.close());

  const keepers = (): Array<[string, Headers]> => [
    ['user with manage_access only', { cookie: keeper.cookie }],
    ['token with manage_access only', { authorization: `Bearer ${keeperToken}` }],
  ];

  it('D6.5 manage_access alone cannot mint a token with other permissions: 403 PERMISSION_ESCALATION naming them', async () => {
    for (const [who, headers] of keepers()) {
      const response = await send('POST', 'api-tokens', headers, {
        name: 'escalate',
        permissions: ['manage_access', 'change_finance', 'view_commerce'],
      });
      expect(response.statusCode, `${who}: ${response.body}`).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'PERMISSION_ESCALATION',
        details: { missing: ['view_commerce', 'change_finance'] },
      });
    }
    const tokens = (await send('GET', 'api-tokens', { cookie: admin })).json().tokens as Array<{
      name: string;
    }>;
    expect(tokens.map((t) => t.name)).not.toContain('escalate');
  });

  it('D6.5 manage_access alone cannot grant organizer, to anyone, itself included', async () => {
    for (const [who, headers] of keepers()) {
      for (const email of [target.email, keeper.email]) {
        const response = await send('POST', 'role-assignments', headers, {
          email,
          role: 'organizer',
        });
        expect(response.statusCode, `${who}: ${response.body}`).toBe(403);
        expect(response.json().error.code).toBe('PERMISSION_ESCALATION');
        expect(response.json().error.details.missing).toEqual(
          expect.arrayContaining(['change_finance', 'manage_conference_settings']),
        );
        expect(response.json().error.details.missing).not.toContain('manage_access');
      }
    }
    const assignments = (await send('GET', 'role-assignments', { cookie: admin })).json()
      .assignments as Array<{ roleKey: string }>;
    expect(assignments.map((a) => a.roleKey)).not.toContain('organizer');
  });

  it('D6.5 a subset of one’s own permissions can be given: a token, a built-in role, a custom role', async () => {
    for (const [who, headers] of keepers()) {
      const token = await send('POST', 'api-tokens', headers, {
        name: `same powers (${who})`,
        permissions: ['manage_access'],
      });
      expect(token.statusCode, `${who}: ${token.body}`).toBe(201);
      const role = await send('POST', 'role-assignments', headers, {
        email: (await makeBuyer(ctx.db)).email,
        role: 'access-only',
      });
      expect(role.statusCode, `${who}: ${role.body}`).toBe(200);
      expect(role.json().created).toBe(true);
    }
    const asReporter = { cookie: reporter.cookie };
    const granted = await send('POST', 'role-assignments', asReporter, {
      email: target.email,
      role: 'reports-viewer',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ role: 'reports-viewer', created: true });
    const more = await send('POST', 'role-assignments', asReporter, {
      email: target.email,
      role: 'read-only',
    });
    expect(more.statusCode).toBe(403);
    // D6.4: each grant is audited with who gave it, person or token.
    const log = (await send('GET', 'audit-log?action=role.grant', { cookie: admin })).json()
      .entries as Array<{ actorEmail: string | null; actorTokenId: string | null }>;
    expect(log.filter((e) => e.actorEmail === keeper.email)).toHaveLength(1);
    expect(log.filter((e) => e.actorEmail === reporter.email)).toHaveLength(1);
    expect(log.filter((e) => e.actorTokenId !== null)).toHaveLength(1);
  });

  it('D6.5 holding change_x gives view_x too, so a token with view_x may be minted from it', async () => {
    const catalogKeeper = await makeBuyer(ctx.db);
    const role = await customRole(home, 'catalog-and-access', ['manage_access', 'change_commerce']);
    await holdRole(catalogKeeper, home, role.id);
    const response = await send(
      'POST',
      'api-tokens',
      { cookie: catalogKeeper.cookie },
      { name: 'catalog reader', permissions: ['view_commerce'] },
    );
    expect(response.statusCode, response.body).toBe(201);
  });

  it('D6.5 nor can manage_access alone take a role away that it could not give', async () => {
    const target = await makeBuyer(ctx.db);
    await send(
      'POST',
      'role-assignments',
      { cookie: admin },
      { email: target.email, role: 'finance' },
    );
    for (const [who, headers] of keepers()) {
      const response = await send('DELETE', 'role-assignments', headers, {
        email: target.email,
        role: 'finance',
      });
      expect(response.statusCode, `${who}: ${response.body}`).toBe(403);
      expect(response.json().error.code).toBe('PERMISSION_ESCALATION');
    }
    const assignments = (await send('GET', 'role-assignments', { cookie: admin })).json()
      .assignments as Array<{ email: string; roleKey: string }>;
    expect(assignments).toContainEqual(
      expect.objectContaining({ email: target.email, roleKey: 'finance' }),
    );
  });

  it('D6.5 superusers are excepted: any token, any role', async () => {
    const target = await makeBuyer(ctx.db);
    const token = await send(
      'POST',
      'api-tokens',
      { cookie: admin },
      { name: 'everything', permissions: [...PERMISSIONS] },
    );
    expect(token.statusCode, token.body).toBe(201);
    const role = await send(
      'POST',
      'role-assignments',
      { cookie: admin },
      { email: target.email, role: 'organizer' },
    );
    expect(role.statusCode, role.body).toBe(200);
    // ...and an organiser (who holds every permission) may then do the same.
    const organiser = await send(
      'POST',
      'api-tokens',
      { authorization: `Bearer ${token.json().token as string}` },
      { name: 'from the organiser token', permissions: [...PERMISSIONS] },
    );
    expect(organiser.statusCode, organiser.body).toBe(201);
  });
});
