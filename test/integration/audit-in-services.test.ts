import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, groupMembers } from '../../src/db/schema/index.ts';
import {
  addGroupMembers,
  createGroup,
  removeGroupMember,
} from '../../src/services/access/index.ts';
import { makeConference, makeUser } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';

const NOW = new Date('2027-03-01T10:00:00Z');

describeEachBackend(
  'D6.4 audit rows are written by the services, in the change’s transaction',
  (ctx) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
    });
    afterAll(() => app.close());

    const auditOf = (groupId: string) =>
      ctx.db.select().from(auditLog).where(eq(auditLog.entityId, groupId));
    const membersOf = (groupId: string) =>
      ctx.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId));

    it('a group membership change audits itself, whoever calls the service (desk, CLI, API)', async () => {
      const conference = await makeConference(ctx.db);
      const staff = await makeUser(ctx.db);
      const member = await makeUser(ctx.db);
      const group = await createGroup(ctx.db, conference, { name: 'Speakers' }, NOW);
      const by = { conference, groupId: group.id, now: NOW };

      await addGroupMembers(ctx.db, {
        ...by,
        emails: [member.email, 'nobody@example.org'],
        actor: { kind: 'user', userId: staff.id },
        ip: '203.0.113.7',
      });
      await removeGroupMember(ctx.db, { ...by, userId: member.id, actor: { kind: 'operator' } });

      const rows = await auditOf(group.id);
      expect(rows.map((r) => [r.action, r.actorUserId, r.ip, r.details])).toEqual(
        expect.arrayContaining([
          ['group.members.add', staff.id, '203.0.113.7', { emails: 2, unknown: 1 }],
          ['group.members.remove', null, '', { userId: member.id, via: 'command line' }],
        ]),
      );
      expect(rows).toHaveLength(2);
    });

    it('an audit row that cannot be written takes the change back with it', async () => {
      const conference = await makeConference(ctx.db);
      const member = await makeUser(ctx.db);
      const group = await createGroup(ctx.db, conference, { name: 'Volunteers' }, NOW);
      // An actor whose account is gone by the time the row is written: the audit insert fails
      // (foreign key), so the membership it would record must not stay either.
      const vanished = { kind: 'user', userId: randomUUID() } as const;
      await expect(
        addGroupMembers(ctx.db, {
          conference,
          groupId: group.id,
          emails: [member.email],
          actor: vanished,
          now: NOW,
        }),
      ).rejects.toThrow();
      expect(await membersOf(group.id)).toEqual([]);
      expect(await auditOf(group.id)).toEqual([]);
    });

    it('over HTTP the route passes the signed-in actor and the row is there with the change', async () => {
      const conference = await makeConference(ctx.db);
      const cookie = await staffCookie(app, ctx.db);
      const member = await makeUser(ctx.db);
      const base = `/api/v1/conferences/${conference.slug}/manage/groups`;
      const created = await app.inject({
        method: 'POST',
        url: base,
        headers: { cookie },
        payload: { name: 'Sponsors' },
      });
      const groupId = created.json<{ id: string }>().id;
      const added = await app.inject({
        method: 'POST',
        url: `${base}/${groupId}/members`,
        headers: { cookie },
        payload: { emails: [member.email] },
      });
      expect(added.statusCode, added.body).toBe(200);
      const [row] = await auditOf(groupId);
      expect(row).toMatchObject({
        action: 'group.members.add',
        conferenceId: conference.id,
        details: { emails: 1, unknown: 0 },
      });
      expect(row?.actorUserId).not.toBeNull();
      expect(await membersOf(groupId)).toHaveLength(1);
    });
  },
);
