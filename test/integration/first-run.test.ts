import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.ts';

describe('first run (npm start on an empty embedded database)', () => {
  it(
    'bootstraps the example conference once and serves its catalog with availability',
    { timeout: 240_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-first-run-'));
      const env = { DATA_DIR: dataDir, BOOTSTRAP_EXAMPLE: 'true', NODE_ENV: 'development' };
      const first = await startServerProcess({ databaseUrl: '', env, startTimeoutMs: 120_000 });
      try {
        expect(first.recentOutput()).toContain('Created the example conference');
        const response = await fetch(
          `${first.url}/api/v1/conferences/pycon-lanyard-2027/ticket-types`,
        );
        expect(response.status).toBe(200);
        const { ticketTypes } = (await response.json()) as {
          ticketTypes: Array<{
            slug: string;
            remaining: number | null;
            saleState: string;
            requiresVoucher: boolean;
          }>;
        };
        expect(ticketTypes.length).toBeGreaterThanOrEqual(3);
        expect(ticketTypes.every((t) => !t.requiresVoucher)).toBe(true);
        expect(
          ticketTypes.some((t) => t.saleState === 'on_sale' && typeof t.remaining === 'number'),
        ).toBe(true);
        // D6.1 outside production a key is generated once into the data directory.
        expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
        const health = await fetch(`${first.url}/healthz`);
        expect(await health.json()).toEqual({ status: 'ok', database: 'pglite', testMode: true });
      } finally {
        await first.stop();
      }
      // With data present it just serves: no second example conference.
      const second = await startServerProcess({ databaseUrl: '', env, startTimeoutMs: 120_000 });
      try {
        expect(second.recentOutput()).not.toContain('Created the example conference');
        const list = (await (await fetch(`${second.url}/api/v1/conferences`)).json()) as {
          conferences: unknown[];
        };
        expect(list.conferences).toHaveLength(1);
      } finally {
        await second.stop();
      }
    },
  );
});
