import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/raw.ts';
import { statementName } from '../../src/db/prepared-statements.ts';
import { describePostgresOnly } from '../support/db.ts';

// #3: every parameterised query is prepared once per connection (PreparingClient). Checked on
// the server itself, in pg_prepared_statements, through a one-connection pool.
describePostgresOnly('named statements per connection', (ctx) => {
  async function preparedOn(preparedStatements: boolean) {
    if (!ctx.url) throw new Error('needs a PostgreSQL url');
    const handle = await openDatabase({ url: ctx.url, poolSize: 1, preparedStatements });
    try {
      const probe = sql`SELECT ${'lanyard'}::text || ${1}::int AS value`;
      const first = await queryRows<{ value: string }>(handle.db, probe);
      const again = await queryRows<{ value: string }>(handle.db, probe);
      // Parameterless text may hold several statements; it runs as before, unnamed.
      await handle.db.execute(sql.raw('SELECT 1; SELECT 2'));
      const names = await queryRows<{ name: string }>(
        handle.db,
        sql`SELECT name FROM pg_prepared_statements WHERE statement LIKE ${'%::text || $2::int%'}`,
      );
      return { values: [first[0]?.value, again[0]?.value], names: names.map((n) => n.name) };
    } finally {
      await handle.close();
    }
  }

  it('names a parameterised query after its text and reuses it; off means unnamed', async () => {
    const on = await preparedOn(true);
    expect(on.values).toEqual(['lanyard1', 'lanyard1']);
    expect(on.names).toEqual([statementName('SELECT $1::text || $2::int AS value')]);
    const off = await preparedOn(false);
    expect(off.values).toEqual(['lanyard1', 'lanyard1']);
    expect(off.names).toEqual([]);
  });
});
