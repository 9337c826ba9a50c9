import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSecretBox } from '../../src/config/secret-box.ts';
import { auditLog } from '../../src/db/schema/index.ts';
import { OPERATOR } from '../../src/services/access/index.ts';
import { upsertAdmin } from '../../src/services/accounts/index.ts';
import { applyBootstrap, readExampleConfig } from '../../src/services/bootstrap/index.ts';
import { rotateSecretKey } from '../../src/services/secret-key/index.ts';
import { unique } from '../factories/index.ts';
import {
  pretalxHarness,
  sampleProgram,
  startFakePretalx,
  type RunningFakePretalx,
} from '../fakes/pretalx/index.ts';
import { TEST_SECRET_BOX } from '../support/app.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

const NOW = new Date('2027-03-01T10:00:00Z');
const FROM_CLI = { via: 'command line' };

/**
 * D6.4, CLI actions included: what the command-line services record when the operator acts.
 * The commands pass OPERATOR (test/integration/cli.test.ts and friends run the real binary).
 */
describeEachBackend('the operator’s changes are audited with the change', (ctx) => {
  let pretalx: RunningFakePretalx;
  const h = pretalxHarness(ctx, () => pretalx.url);
  beforeAll(async () => {
    pretalx = await startFakePretalx({ maxPageSize: 3 });
  });
  afterAll(() => pretalx.stop());

  const entriesFor = (entityId: string) =>
    ctx.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.action);

  it('create-admin: creating and then promoting a superuser, no conference, one entry each', async () => {
    const email = `${unique('root')}@example.org`;
    const created = await upsertAdmin(ctx.db, {
      email,
      password: 'a long enough password',
      actor: OPERATOR,
      now: NOW,
    });
    await upsertAdmin(ctx.db, {
      email: email.toUpperCase(),
      password: 'another long password',
      actor: OPERATOR,
      now: NOW,
    });
    const entries = await entriesFor(created.id);
    expect(entries.map((e) => [e.action, e.conferenceId, e.entityType, e.details])).toEqual(
      expect.arrayContaining([
        ['superuser.create', null, 'user', { email, ...FROM_CLI }],
        ['superuser.promote', null, 'user', { email, ...FROM_CLI }],
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('pretalx connect and sync: the credentials (token obfuscated) and the mirror counts', async () => {
    const event = unique('pycon');
    const token = 'tok-0123456789abcdef';
    pretalx.setEvent(event, sampleProgram(token, await makeBuyer(ctx.db), await makeBuyer(ctx.db)));
    const conference = await h.connectedConference(event, token);
    const report = await h.sync(conference);
    const entries = await entriesFor(conference.id);
    expect(entries.map((e) => [e.action, e.conferenceId, e.details])).toEqual([
      [
        'pretalx.credentials.set',
        conference.id,
        { eventSlug: event, token: '****cdef', ...FROM_CLI },
      ],
      ['pretalx.sync', conference.id, { event, ...report, ...FROM_CLI }],
    ]);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('bootstrap: one summary entry per applied plan that changed something; dry runs and no-ops none', async () => {
    const config = await readExampleConfig();
    const apply = (update: boolean, dryRun: boolean) =>
      applyBootstrap(ctx.db, config, { update, dryRun, now: NOW, actor: OPERATOR });
    const preview = await apply(false, true);
    expect(preview.conference).toBeNull();
    const created = await apply(false, false);
    const id = created.conference?.id ?? '';
    await apply(true, true);
    const again = await apply(true, false);
    expect(again.changes).toEqual([]);
    const entries = await entriesFor(id);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'bootstrap.apply',
        conferenceId: id,
        entityType: 'conference',
        details: { changes: created.changes.length, counts: created.counts, ...FROM_CLI },
      }),
    ]);
    expect(created.changes.length).toBeGreaterThan(0);
  });

  it('rotate-key: an instance-wide entry with both fingerprints and the counts, never a key', async () => {
    const next = createSecretBox(Buffer.alloc(32, 7));
    const report = await rotateSecretKey(ctx.db, TEST_SECRET_BOX, next, NOW, OPERATOR);
    const entries = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'secret_key.rotate'), isNull(auditLog.conferenceId)));
    expect(entries).toEqual([
      expect.objectContaining({
        entityType: 'instance',
        entityId: next.fingerprint,
        details: {
          from: TEST_SECRET_BOX.fingerprint,
          to: next.fingerprint,
          reencrypted: report.reencrypted,
          ...FROM_CLI,
        },
      }),
    ]);
  });
});
