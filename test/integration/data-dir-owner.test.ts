import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

// D1.5: one process owns an embedded data directory; CLI commands reach the running server's
// database through it instead of opening the directory a second time.

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SLUG = 'pycon-lanyard-2027';
const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-owner-'));
const env = {
  DATABASE_URL: '',
  DATA_DIR: dataDir,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  PUBLIC_URL: '',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function lanyard(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env, ...extra }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function startServer(): Promise<ServerProcess> {
  return startServerProcess({ databaseUrl: '', env: { ...env, BOOTSTRAP_EXAMPLE: 'true' } });
}

async function signIn(server: ServerProcess, email: string, password: string): Promise<Response> {
  return fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lanyard_session'));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie.split(';')[0] ?? '';
}

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
});

describe('D1.5 the running server owns its embedded data directory', () => {
  it('CLI commands work while serve runs, the server sees their writes, a second serve refuses, and a killed server leaves no block', async () => {
    server = await startServer();

    // A row the server wrote is visible to the CLI: sign up over HTTP, grant by CLI.
    const signUp = await fetch(`${server.url}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'org@example.org', password: 'organiser password' }),
    });
    expect(signUp.status).toBe(201);

    const admin = await lanyard([
      'create-admin',
      '--email',
      'root@example.org',
      '--password',
      'a long enough password',
    ]);
    expect(admin.code, admin.stderr).toBe(0);
    const grant = await lanyard(['grant', 'org@example.org', SLUG, 'organizer']);
    expect(grant.code, grant.stderr).toBe(0);
    expect(grant.stdout).toContain(`org@example.org is now`);
    const doctor = await lanyard(['doctor']);
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(doctor.stdout).toContain('No money drift');

    // The server sees what the CLI wrote: the new superuser signs in, and the grant is listed.
    const signedIn = await signIn(server, 'root@example.org', 'a long enough password');
    expect(signedIn.status).toBe(200);
    const assignments = await fetch(
      `${server.url}/api/v1/conferences/${SLUG}/manage/role-assignments`,
      {
        headers: { cookie: sessionCookie(signedIn) },
      },
    );
    expect(assignments.status).toBe(200);
    const listed = (await assignments.json()) as {
      assignments: { email: string; roleKey: string }[];
    };
    expect(listed.assignments).toContainEqual(
      expect.objectContaining({ email: 'org@example.org', roleKey: 'organizer' }),
    );
    // The server keeps working after the CLI connections closed.
    expect((await signIn(server, 'org@example.org', 'organiser password')).status).toBe(200);

    // A second server on the same directory refuses, naming the owner.
    const second = await lanyard(['serve'], { PORT: '0', HOST: '127.0.0.1' });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`already served by process ${server.pid}`);
    expect(second.stderr).not.toMatch(/\n\s+at /);

    // kill -9 leaves the owner file behind; the next command sees its owner is gone.
    const killedPid = server.pid;
    process.kill(killedPid, 'SIGKILL');
    await server.stop();
    const afterCrash = await lanyard(['create-admin', '--email', 'second@example.org'], {
      LANYARD_ADMIN_PASSWORD: 'another long password',
    });
    expect(afterCrash.code, afterCrash.stderr).toBe(0);

    // And a new server starts on the directory and sees everything written so far.
    server = await startServer();
    expect((await signIn(server, 'second@example.org', 'another long password')).status).toBe(200);
    expect((await signIn(server, 'root@example.org', 'a long enough password')).status).toBe(200);
  }, 300_000);
});
