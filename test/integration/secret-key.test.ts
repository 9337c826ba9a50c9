import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSecretBox, type SecretBox } from '../../src/config/secret-box.ts';
import { openDatabase } from '../../src/db/client.ts';
import { assertSecretKeyMatches, SecretKeyMismatchError } from '../../src/db/secret-key.ts';
import { auditLog, conferences, letterRequests } from '../../src/db/schema/index.ts';
import { credentialsOf } from '../../src/integrations/stripe/accounts.ts';
import { OPERATOR } from '../../src/services/access/index.ts';
import { setStripeCredentials } from '../../src/services/payments/index.ts';
import { rotateSecretKey } from '../../src/services/secret-key/index.ts';
import { pretalxClientFor, setPretalxCredentials } from '../../src/services/speakers/index.ts';
import { makeConference, makeUser } from '../factories/index.ts';
import { describeEachBackend, describePostgresOnly } from '../support/db.ts';
import { startServerProcess } from '../support/server-process.ts';

const KEY_A = 'a1'.repeat(32);
const KEY_B = 'b2'.repeat(32);
const boxOf = (hex: string): SecretBox => createSecretBox(Buffer.from(hex, 'hex'));
/** Test setup acts as the operator would from the command line. */
const BY_OPERATOR = { actor: OPERATOR };

async function refusal(work: Promise<unknown>): Promise<SecretKeyMismatchError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretKeyMismatchError);
  return error as SecretKeyMismatchError;
}

describeEachBackend('D6.1 one secret key per database', (ctx) => {
  it('the first process records its key; a process with another key is refused and told the fix', async () => {
    const [a, b] = [boxOf(KEY_A), boxOf(KEY_B)];
    await assertSecretKeyMatches(ctx.db, a);
    await assertSecretKeyMatches(ctx.db, a);
    const refused = await refusal(assertSecretKeyMatches(ctx.db, b));
    expect(refused.message).toContain(`fingerprint ${b.fingerprint}`);
    expect(refused.message).toContain(`the database expects ${a.fingerprint}`);
    expect(refused.message).toContain('set LANYARD_SECRET_KEY');
    expect(refused.message).toContain('lanyard rotate-key');
    // The fingerprint never is (a prefix of) the key.
    expect(KEY_A).not.toContain(a.fingerprint);
  });

  it('rotation re-encrypts every secret, the app decrypts with the new key, and the old key is then refused', async () => {
    const [a, b] = [boxOf(KEY_A), boxOf(KEY_B)];
    const now = new Date();
    const conference = await makeConference(ctx.db);
    const stripe = {
      secretKey: 'sk_test_rotate',
      publishableKey: 'pk_test_rotate',
      webhookSecret: 'whsec_rotate',
    };
    await setStripeCredentials(ctx.db, a, conference.id, stripe, now, BY_OPERATOR);
    await setPretalxCredentials(
      ctx.db,
      a,
      conference.id,
      { eventSlug: 'rot', token: 'pretalx-token' },
      now,
      OPERATOR,
    );
    const user = await makeUser(ctx.db);
    const [letter] = await ctx.db
      .insert(letterRequests)
      .values({
        conferenceId: conference.id,
        userId: user.id,
        passportName: 'Ada Lovelace',
        passportNumberEnc: a.encrypt('P1234567'),
        nationality: 'GB',
        travelFrom: '2027-05-01',
        travelUntil: '2027-05-05',
        destinationAddress: 'Venue',
      })
      .returning();

    // A key that is not the recorded one cannot rotate anything.
    await refusal(rotateSecretKey(ctx.db, b, a, now, OPERATOR));

    const report = await rotateSecretKey(ctx.db, a, b, now, OPERATOR);
    expect(report.reencrypted['conferences.stripe_secret_key_enc']).toBeGreaterThanOrEqual(1);
    expect(report.reencrypted['conferences.pretalx_token_enc']).toBeGreaterThanOrEqual(1);
    expect(report.reencrypted['letter_requests.passport_number_enc']).toBeGreaterThanOrEqual(1);

    const [row] = await ctx.db.select().from(conferences).where(eq(conferences.id, conference.id));
    if (!row) throw new Error('conference vanished');
    expect(credentialsOf(row, b)).toEqual(stripe);
    expect(() => credentialsOf(row, a)).toThrow();
    expect(() => pretalxClientFor(row, b, 'http://127.0.0.1:9')).not.toThrow();
    const [stored] = await ctx.db
      .select()
      .from(letterRequests)
      .where(eq(letterRequests.id, letter?.id ?? ''));
    expect(b.decrypt(stored?.passportNumberEnc ?? '')).toBe('P1234567');

    await assertSecretKeyMatches(ctx.db, b);
    await refusal(assertSecretKeyMatches(ctx.db, a));
  });
});

describeEachBackend('D6.1 a database with secrets but no recorded key yet', (ctx) => {
  it('records the key only if it opens the secrets already stored', async () => {
    const conference = await makeConference(ctx.db);
    const stored = {
      secretKey: 'sk_test_old',
      publishableKey: 'pk_test_old',
      webhookSecret: 'whsec_old',
    };
    await setStripeCredentials(
      ctx.db,
      boxOf(KEY_A),
      conference.id,
      stored,
      new Date(),
      BY_OPERATOR,
    );
    const refused = await refusal(assertSecretKeyMatches(ctx.db, boxOf(KEY_B)));
    expect(refused.message).toContain('cannot decrypt conferences.stripe_secret_key_enc');
    await assertSecretKeyMatches(ctx.db, boxOf(KEY_A));
  });
});

describePostgresOnly('D6.1 two server processes on one PostgreSQL', (ctx) => {
  it('the second server, with another key, refuses to start and says how to fix it', async () => {
    const first = await startServerProcess({
      databaseUrl: ctx.url ?? '',
      env: { LANYARD_SECRET_KEY: KEY_A },
    });
    try {
      const second = await startServerProcess({
        databaseUrl: ctx.url ?? '',
        env: { LANYARD_SECRET_KEY: KEY_B },
      }).then(
        async (server) => {
          await server.stop();
          return 'started';
        },
        (error: unknown) => String(error),
      );
      expect(second).toContain('exited before it was ready');
      expect(second).toContain(
        "LANYARD_SECRET_KEY is not the key this database's secrets are encrypted with",
      );
      expect(second).not.toMatch(/\n\s+at /);
    } finally {
      await first.stop();
    }
  });
});

describe('D6.1 lanyard rotate-key', () => {
  it('re-encrypts with the new key, replaces a generated development key, and refuses a bad one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-rotate-'));
    const lanyard = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, NODE_ENV: 'development' },
        timeout: 120_000,
      });
    const bad = lanyard(['rotate-key', '--new-key', 'not-hex']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--new-key (or LANYARD_NEW_SECRET_KEY) must be 64 hexadecimal');

    const rotated = lanyard(['rotate-key', '--new-key', KEY_B]);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`fingerprint ${boxOf(KEY_B).fingerprint}`);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(KEY_B);
    // The next command runs with the replaced key file, which now matches the database.
    const after = lanyard(['doctor']);
    expect(after.status, after.stderr).toBe(0);
    // D6.4: the rotation is audited as the operator's, for the whole instance.
    const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const entries = await handle.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'secret_key.rotate'));
      expect(entries).toEqual([
        expect.objectContaining({
          conferenceId: null,
          entityId: boxOf(KEY_B).fingerprint,
          details: expect.objectContaining({ to: boxOf(KEY_B).fingerprint, via: 'command line' }),
        }),
      ]);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
