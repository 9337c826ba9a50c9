import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { auditLog } from '../../src/db/schema/index.ts';
import { verifyCredentials } from '../../src/services/accounts/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-cli-'));

function lanyard(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, NODE_ENV: 'development', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
}

describe('lanyard command line', () => {
  it('refuses a bad environment variable by name, without a stack trace', () => {
    const run = lanyard(['migrate'], { PORT: 'eighty', LOCK_TIMEOUT_MS: '5' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PORT: /);
    expect(run.stderr).toMatch(/LOCK_TIMEOUT_MS: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses malformed TOML naming the line, and a bad value naming the key and item', () => {
    const broken = lanyard([
      'bootstrap',
      '--config',
      file('broken.toml', '[conference]\nname = "X\n'),
      '--dry-run',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/line 2/i);
    const badPrice = file(
      'bad-price.toml',
      [
        '[conference]',
        'name = "Bad Price Conf"',
        'start = 2027-05-01',
        'end = 2027-05-03',
        'timezone = "Europe/Berlin"',
        '[[conference.sections]]',
        'name = "Main"',
        'start = 2027-05-01',
        'end = 2027-05-03',
        '[[conference.tickets]]',
        'name = "Early"',
        'price = -5',
        'quantity = 10',
      ].join('\n'),
    );
    const bad = lanyard(['bootstrap', '--config', badPrice, '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/conference\.tickets\[0\].*price/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing bootstrap file', () => {
    const run = lanyard(['bootstrap', '--config', join(dataDir, 'nope.toml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nope.toml');
  });

  it('D6.3 create-admin refuses a common password, saying why, before opening the database', () => {
    const common = lanyard([
      'create-admin',
      '--email',
      'root@example.org',
      '--password',
      'password123',
    ]);
    expect(common.code).toBe(1);
    expect(common.stderr).toMatch(/too common/);
  });

  it('create-admin refuses a short password, then creates a superuser who can sign in', async () => {
    const short = lanyard(['create-admin', '--email', 'root@example.org', '--password', 'short']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/--password must be at least 8 characters/);
    const created = lanyard(['create-admin', '--email', 'root@example.org'], {
      LANYARD_ADMIN_PASSWORD: 'a long enough password',
    });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Superuser root@example.org is ready.');
    const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const admin = await verifyCredentials(
        handle.db,
        'root@example.org',
        'a long enough password',
      );
      expect(admin).toMatchObject({ isSuperuser: true, isStaff: true });
      // D6.4: the operator made a superuser; the log says so, with no conference.
      const entries = await handle.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, admin.id));
      expect(entries.map((e) => [e.action, e.conferenceId, e.actorUserId, e.details])).toEqual([
        ['superuser.create', null, null, { email: 'root@example.org', via: 'command line' }],
      ]);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('D6.4 bootstrap is audited as the operator: one summary entry for the applied plan', async () => {
    const run = lanyard([
      'bootstrap',
      '--config',
      'src/services/bootstrap/example-conference.toml',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const entries = await handle.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'bootstrap.apply'));
      expect(entries).toEqual([
        expect.objectContaining({
          entityType: 'conference',
          actorUserId: null,
          details: expect.objectContaining({ via: 'command line' }),
        }),
      ]);
      expect(entries[0]?.conferenceId).toBe(entries[0]?.entityId);
    } finally {
      await handle.close();
    }
  }, 180_000);
});
