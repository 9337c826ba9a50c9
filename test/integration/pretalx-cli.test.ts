import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { auditLog, conferences, speakers } from '../../src/db/schema/index.ts';
import { makeConference, unique } from '../factories/index.ts';
import { startFakePretalx, type RunningFakePretalx } from '../fakes/pretalx/index.ts';
import { makeBuyer } from '../support/buyers.ts';

// The stand-in lives in this process, so the CLI runs asynchronously (spawnSync would block the
// event loop that has to answer it).
function lanyard(dataDir: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        NODE_ENV: 'development',
        LANYARD_SECRET_KEY: '01'.repeat(32),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('lanyard pretalx on the command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-pretalx-'));
  let pretalx: RunningFakePretalx;
  beforeAll(async () => {
    pretalx = await startFakePretalx({ maxPageSize: 2 });
  });
  afterAll(() => pretalx.stop());

  it('connect stores the token encrypted; sync prints the counts; failures are one line and exit 1', async () => {
    const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    await handle.migrate();
    const conference = await makeConference(handle.db);
    const speaker = await makeBuyer(handle.db);
    await handle.close();
    const event = unique('pycon');
    const token = 'tok-0123456789abcdef';
    pretalx.setEvent(event, {
      token,
      speakers: [
        { code: 'AAAAAA', name: 'Ada', email: speaker.email.toUpperCase() },
        { code: 'BBBBBB', name: 'Bea', email: 'bea@example.net' },
        { code: 'CCCCCC', name: 'Cy', email: 'cy@example.net' },
      ],
      submissions: [
        { code: 'T1', title: 'One', state: 'confirmed', speakers: ['AAAAAA', 'BBBBBB'] },
        { code: 'T2', title: 'Two', state: 'accepted', speakers: ['CCCCCC'] },
        { code: 'T3', title: 'Three', state: 'rejected', speakers: ['CCCCCC'] },
      ],
    });
    const env = { PRETALX_URL: pretalx.url };

    const connect = await lanyard(
      dataDir,
      ['pretalx', 'connect', '--conference', conference.slug, '--event', event],
      { PRETALX_TOKEN: token },
    );
    expect(connect).toMatchObject({ code: 0, stderr: '' });
    expect(connect.stdout).toContain('****cdef');
    expect(connect.stdout).not.toContain(token);

    const sync = await lanyard(dataDir, ['pretalx', 'sync', '--conference', conference.slug], env);
    expect(sync).toMatchObject({ code: 0, stderr: '' });
    expect(sync.stdout.trim()).toBe(
      `Pretalx event "${event}" → ${conference.slug}: 3 speakers (1 linked to accounts), 2 talks; removed 0 speakers and 0 talks.`,
    );

    pretalx.setEvent(event, { token: 'a-newer-token', speakers: [], submissions: [] });
    const refused = await lanyard(
      dataDir,
      ['pretalx', 'sync', '--conference', conference.slug],
      env,
    );
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `Pretalx at ${pretalx.url} refused the API token (HTTP 401: Invalid token.).\n`,
    });

    const check = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const [stored] = await check.db
        .select()
        .from(conferences)
        .where(eq(conferences.id, conference.id));
      expect(stored?.pretalxEventSlug).toBe(event);
      expect(stored?.pretalxTokenEnc).not.toContain(token);
      const mirrored = await check.db
        .select({ code: speakers.pretalxCode, userId: speakers.userId })
        .from(speakers)
        .where(eq(speakers.conferenceId, conference.id));
      // The refused sync left the first sync's mirror as it was.
      expect(mirrored.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
        { code: 'AAAAAA', userId: speaker.id },
        { code: 'BBBBBB', userId: null },
        { code: 'CCCCCC', userId: null },
      ]);
      // D6.4: both commands are audited as the operator; the refused sync wrote nothing.
      const entries = await check.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.conferenceId, conference.id))
        .orderBy(auditLog.action);
      expect(entries.map((e) => [e.action, e.actorUserId, e.details])).toEqual([
        [
          'pretalx.credentials.set',
          null,
          { eventSlug: event, token: '****cdef', via: 'command line' },
        ],
        [
          'pretalx.sync',
          null,
          {
            event,
            speakers: 3,
            talks: 2,
            linked: 1,
            removedSpeakers: 0,
            removedTalks: 0,
            via: 'command line',
          },
        ],
      ]);
    } finally {
      await check.close();
    }
  }, 240_000);
});
