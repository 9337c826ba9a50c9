import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startServerProcess } from '../../support/server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { baseUrl: string; staffEmail: string; staffPassword: string };
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = join(REPO_ROOT, 'test/e2e/fixtures/e2e-conference.toml');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test/e2e/screenshots');
const STAFF = { email: 'organiser@e2e.example', password: 'organiser-password-1' };

function lanyard(args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * One real server for the e2e files: the production web build (rebuilt only when stale), an
 * embedded database in a temp folder with the fixture conference and an organiser, TEST MODE.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['--import', 'tsx', 'web/scripts/build.ts', '--if-stale'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-e2e-'));
  const env = {
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    BOOTSTRAP_EXAMPLE: 'false',
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
  };
  const cliEnv = { ...process.env, ...env };
  lanyard(['bootstrap', '--config', FIXTURE], cliEnv);
  lanyard(['create-admin', '--email', STAFF.email, '--password', STAFF.password], cliEnv);
  const server = await startServerProcess({ databaseUrl: '', env, startTimeoutMs: 120_000 });
  project.provide('e2e', {
    baseUrl: server.url,
    staffEmail: STAFF.email,
    staffPassword: STAFF.password,
  });
  return () => server.stop();
}
