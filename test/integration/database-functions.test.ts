import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import {
  functionDrift,
  migrationStatements,
  readFunctionSources,
  type FunctionDrift,
} from '../../src/db/functions/definitions.ts';
import { queryRows } from '../../src/db/raw.ts';
import { describeEachBackend } from '../support/db.ts';

const names = (drift: FunctionDrift) => ({
  changed: drift.changed.map((f) => f.name),
  replaced: drift.replaced.map((f) => f.name),
  retired: drift.retired.map((f) => f.name),
  misnamed: drift.misnamed,
});

/** Runs `change` and measures the drift inside one transaction that is then rolled back. */
async function driftAfter(
  db: Database,
  change: (tx: Database) => Promise<void>,
  sources = readFunctionSources(),
): Promise<FunctionDrift> {
  const marker = new Error('rolled back on purpose');
  let drift: FunctionDrift | undefined;
  await db
    .transaction(async (tx) => {
      await change(tx);
      drift = await functionDrift(tx, sources);
      throw marker;
    })
    .catch((error: unknown) => {
      if (error !== marker) throw error;
    });
  if (!drift) throw new Error('no drift measured');
  return drift;
}

describeEachBackend('database functions have one current definition (src/db/functions)', (ctx) => {
  it('every lanyard_* function of the migrated database is exactly its source, and every source is migrated', async () => {
    const drift = await functionDrift(ctx.db);
    expect(names(drift)).toEqual({ changed: [], replaced: [], retired: [], misnamed: [] });
    expect(migrationStatements(drift)).toEqual([]);
    const live = await queryRows<{ name: string }>(
      ctx.db,
      sql`SELECT DISTINCT proname AS name FROM pg_proc
          WHERE proname LIKE 'lanyard\_%' AND pronamespace = 'public'::regnamespace ORDER BY 1`,
    );
    expect(live.map((f) => f.name)).toEqual(readFunctionSources().map((s) => s.name));
  });

  it('a function changed in a migration only is caught', async () => {
    const drift = await driftAfter(ctx.db, async (tx) => {
      await tx.execute(sql`CREATE OR REPLACE FUNCTION lanyard_add_units(counted jsonb, id text, units numeric)
        RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN counted; END $$`);
    });
    expect(names(drift).changed).toEqual(['lanyard_add_units']);
  });

  it('a function changed in its source only, added only in a migration, or with a new signature is caught', async () => {
    const sources = readFunctionSources().map((s) =>
      s.name === 'lanyard_broken_bound'
        ? { ...s, text: s.text.replace('ORDER BY b.ord', 'ORDER BY b.ord DESC') }
        : s.name === 'lanyard_holds_uses_at'
          ? { ...s, text: s.text.replace('at timestamptz)', 'at timestamptz, extra integer)') }
          : s,
    );
    const drift = await driftAfter(
      ctx.db,
      async (tx) => {
        await tx.execute(
          sql`CREATE FUNCTION lanyard_stray() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$`,
        );
      },
      sources,
    );
    expect(names(drift)).toEqual({
      changed: ['lanyard_broken_bound', 'lanyard_holds_uses_at'],
      replaced: ['lanyard_holds_uses_at'],
      retired: ['lanyard_stray'],
      misnamed: [],
    });
    const statements = migrationStatements(drift);
    expect(statements[0]).toMatch(/^DROP FUNCTION lanyard_holds_uses_at\(/);
    expect(statements.at(-1)).toBe('DROP FUNCTION lanyard_stray();');
  });
});
