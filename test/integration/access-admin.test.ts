import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { discountConditionGroups } from '../../src/db/schema/index.ts';
import { listAuditLog, loadConferencePermissions } from '../../src/services/access/index.ts';
import { makeConference, makeTicketType, makeUser } from '../factories/index.ts';
import { makeCondition } from '../factories/sales.ts';
import { signInCookie, staffCookie } from '../factories/staff.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

describeEachBackend('roles, API tokens, groups and the audit log over HTTP', (ctx) => {
  let app: FastifyInstance;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    admin = await staffCookie(app, ctx.db);
  });
  afterAll(() => app.close());

  const manage =
    (slug: string, cookie: string) =>
    (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      path: string,
      payload?: object,
      headers: Record<string, string> = {},
    ) =>
      app.inject({
        method,
        url: `/api/v1/conferences/${slug}/manage/${path}`,
        headers: { cookie, ...headers },
        ...(payload ? { payload } : {}),
      });

  it('D5.5 an organiser grants a role; the person gets exactly its permissions, only in that conference', async () => {
    const conference = await makeConference(ctx.db);
    const other = await makeConference(ctx.db);
    const email = `finance-${Date.now()}@example.org`;
    const finance = await signInCookie(app, ctx.db, { isStaff: false, email });
    const api = manage(conference.slug, admin);
    const roles = (await api('GET', 'roles')).json().roles as Array<{
      key: string;
      permissions: string[];
    }>;
    expect(roles.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'organizer',
        'registration-manager',
        'finance',
        'checkin-staff',
        'reports-viewer',
        'read-only',
      ]),
    );
    // The reference's gaps fixed: report viewers may export, read-only staff can open what they list.
    expect(roles.find((r) => r.key === 'reports-viewer')?.permissions).toContain('export_reports');
    expect(roles.find((r) => r.key === 'read-only')?.permissions).toEqual(
      expect.arrayContaining(['view_commerce', 'view_registration']),
    );

    const granted = await api('POST', 'role-assignments', {
      email: email.toUpperCase(),
      role: 'finance',
    });
    expect(granted.json()).toEqual({ email, role: 'finance', created: true });
    expect((await api('POST', 'role-assignments', { email, role: 'finance' })).json().created).toBe(
      false,
    );
    expect((await api('GET', 'role-assignments')).json().assignments).toEqual([
      expect.objectContaining({ email, roleKey: 'finance' }),
    ]);
    const asFinance = manage(conference.slug, finance);
    expect((await asFinance('GET', 'vouchers')).statusCode).toBe(200);
    expect((await asFinance('POST', 'vouchers', { code: 'NOPE', kind: 'comp' })).statusCode).toBe(
      403,
    );
    expect((await manage(other.slug, finance)('GET', 'vouchers')).statusCode).toBe(403);

    const unknownRole = await api('POST', 'role-assignments', { email, role: 'wizard' });
    expect(unknownRole.json().error.code).toBe('ROLE_NOT_FOUND');
    const nobody = await api('POST', 'role-assignments', {
      email: 'nobody@example.org',
      role: 'finance',
    });
    expect(nobody.statusCode).toBe(404);

    expect((await api('DELETE', 'role-assignments', { email, role: 'finance' })).statusCode).toBe(
      204,
    );
    expect((await asFinance('GET', 'vouchers')).statusCode).toBe(403);
    const log = (await api('GET', 'audit-log?entityType=user')).json().entries as Array<{
      action: string;
      actorEmail: string;
    }>;
    expect(log.map((e) => e.action)).toEqual(['role.revoke', 'role.grant']);
    expect(log[0]?.actorEmail).toMatch(/^staff/);
  });

  it('an API token is shown once, works for its conference and permissions, and stops when revoked', async () => {
    const conference = await makeConference(ctx.db);
    await makeTicketType(ctx.db, conference);
    const api = manage(conference.slug, admin);
    const bad = await api('POST', 'api-tokens', { name: 'scanner', permissions: ['fly'] });
    expect(bad.statusCode).toBe(400);
    // D6.3 dates PostgreSQL cannot store are a 400, never a 500.
    const yearZero = await api('POST', 'api-tokens', {
      name: 'scanner',
      permissions: ['view_commerce'],
      expiresAt: '0000-01-01T00:00:00Z',
    });
    expect(yearZero.statusCode).toBe(400);
    expect((await api('GET', 'audit-log?since=0000-01-01T00:00:00Z')).statusCode).toBe(400);
    const created = await api('POST', 'api-tokens', {
      name: 'Door scanner 1',
      permissions: ['view_commerce'],
    });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json() as { token: string; id: string; prefix: string };
    expect(token.startsWith(prefix)).toBe(true);
    const listed = (await api('GET', 'api-tokens')).json().tokens;
    expect(listed).toEqual([
      expect.objectContaining({ id, name: 'Door scanner 1', revokedAt: null }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(token);
    const viaToken = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/manage/ticket-types`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.statusCode).toBe(200);
    expect((await api('DELETE', `api-tokens/${id}`)).json().revokedAt).not.toBeNull();
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/manage/ticket-types`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    const actions = (await api('GET', 'audit-log?entityType=api_token'))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['api_token.revoke', 'api_token.create']);
  });

  it('COND-6 groups: create, add members by email, and the group discount follows membership', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const api = manage(conference.slug, admin);
    const group = (await api('POST', 'groups', { name: 'PSF Fellows' })).json();
    expect(group).toMatchObject({ name: 'PSF Fellows', slug: 'psf-fellows', members: [] });
    expect((await api('POST', 'groups', { name: 'PSF Fellows' })).json().error.code).toBe(
      'GROUP_NAME_TAKEN',
    );
    const condition = await makeCondition(ctx.db, conference, {
      kind: 'group_member',
      ticketTypes: [ticket],
    });
    await ctx.db
      .insert(discountConditionGroups)
      .values({ conditionId: condition.id, groupId: group.id, conferenceId: conference.id });

    const fellow = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, fellow);
    await client.addTicket(ticket.id);
    expect((await client.cart()).json().total).toBe(10_000);
    const added = (
      await api('POST', `groups/${group.id}/members`, {
        emails: [fellow.email, 'ghost@example.org'],
      })
    ).json();
    expect(added.unknown).toEqual(['ghost@example.org']);
    expect(added.group.members).toEqual([{ userId: fellow.id, email: fellow.email }]);
    expect((await client.cart()).json().total).toBe(8_000);
    await api('DELETE', `groups/${group.id}/members/${fellow.id}`);
    expect((await client.cart()).json().total).toBe(10_000);
    const renamed = await api('PATCH', `groups/${group.id}`, { description: 'Fellows of the PSF' });
    expect(renamed.json()).toMatchObject({
      name: 'PSF Fellows',
      description: 'Fellows of the PSF',
    });
    expect((await api('DELETE', `groups/${group.id}`)).statusCode).toBe(204);
    expect((await api('GET', `groups/${group.id}`)).statusCode).toBe(404);
  });

  it('D6.4 money actions are in the audit log with who, what and filters', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 3_000 });
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await client.addTicket(ticket.id);
    const order = (await client.checkout()).json<{ reference: string }>();
    const api = manage(conference.slug, admin);
    await api('POST', `orders/${order.reference}/payments`, {
      method: 'manual',
      amount: 3_000,
      reference: 'CASH-7',
    });
    await api(
      'POST',
      `orders/${order.reference}/refunds`,
      { amount: 1_000, destination: 'credit' },
      { 'idempotency-key': 'audit-refund-1' },
    );
    await api('POST', 'credits', { email: buyer.email, amount: 500 });
    const all = (await api('GET', 'audit-log')).json().entries as Array<{
      action: string;
      entityId: string;
      details: Record<string, unknown>;
    }>;
    expect(all.map((e) => e.action)).toEqual(['credit.grant', 'refund.create', 'payment.manual']);
    expect(all[1]).toMatchObject({
      entityId: order.reference,
      details: expect.objectContaining({ amount: 1_000, destination: 'credit' }),
    });
    const refundsOnly = (await api('GET', 'audit-log?action=refund.create')).json().entries;
    expect(refundsOnly).toHaveLength(1);
    const future = (
      await api(
        'GET',
        `audit-log?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      )
    ).json().entries;
    expect(future).toEqual([]);
  });

  it('a superuser has every permission; permissions are computed per conference', async () => {
    const conference = await makeConference(ctx.db);
    const user = await makeUser(ctx.db);
    expect([...(await loadConferencePermissions(ctx.db, user.id, conference.id))]).toEqual([]);
  });
});

describe('lanyard grant', () => {
  it(
    'grants a role from the command line, audited (D6.4), and names what is wrong',
    { timeout: 240_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-grant-'));
      const run = (args: string[]) => {
        const result = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'src/cli/main.ts', ...args],
          {
            encoding: 'utf8',
            env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, NODE_ENV: 'development' },
            timeout: 120_000,
          },
        );
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      expect(run(['migrate']).code).toBe(0);
      const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
      const conference = await makeConference(handle.db);
      const user = await makeUser(handle.db);
      await handle.close();
      const granted = run(['grant', user.email, conference.slug, 'registration-manager']);
      expect(granted.code, granted.stderr).toBe(0);
      expect(granted.stdout).toContain('Registration Manager');
      const wrong = run(['grant', user.email, conference.slug, 'wizard']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/no role with that key/);
      const check = await openDatabase({ dataDir: join(dataDir, 'pglite') });
      const permissions = await loadConferencePermissions(check.db, user.id, conference.id);
      // D6.4: the operator's grant is audited like any other, marked as coming from the CLI.
      const log = await listAuditLog(check.db, conference.id, { limit: 10 });
      await check.close();
      expect(log).toEqual([
        expect.objectContaining({
          action: 'role.grant',
          entityId: user.id,
          actorUserId: null,
          actorTokenId: null,
          details: { email: user.email, role: 'registration-manager', via: 'command line' },
        }),
      ]);
      expect(permissions.has('change_commerce')).toBe(true);
      expect(permissions.has('view_audit_log')).toBe(false);
    },
  );
});
