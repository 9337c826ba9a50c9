import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  engines?: { node?: string } | string[];
}

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** The oldest Node the README promises; every installed package must run on it. */
const oldestPromised = semver.minVersion(manifest.engines.node);

describe('the Node version the README promises', () => {
  it('is a real lower bound', () => {
    expect(oldestPromised?.version).toMatch(/^20\./);
  });

  // A package that wants a newer Node makes `npm install` print EBADENGINE (cookie@2 wanted 22).
  it('satisfies the engines range of every package in the lockfile', () => {
    const refusing = Object.entries(lock.packages)
      .map(([path, entry]) => ({
        path,
        range: Array.isArray(entry.engines) ? undefined : entry.engines?.node,
      }))
      .filter(({ range }) => range && !semver.satisfies(oldestPromised!, range))
      .map(({ path, range }) => `${path} wants node ${range}`);
    expect(refusing).toEqual([]);
  });
});
