import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the lanyard executable (package.json "bin")', () => {
  it('`npx lanyard --help` in the repository runs the CLI', () => {
    const run = spawnSync('npx', ['--offline', 'lanyard', '--help'], {
      cwd: join(REPO_ROOT, 'src'),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: lanyard');
    expect(run.stdout).toContain('create-admin');
  });

  it('runs from any working directory when started directly with node', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'lanyard-bin-'));
    const run = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin/lanyard.js'), 'grant', '--help'],
      {
        cwd: elsewhere,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: lanyard grant');
  });
});
