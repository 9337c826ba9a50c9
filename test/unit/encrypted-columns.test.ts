import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_COLUMNS } from '../../src/db/secret-key.ts';
import * as schema from '../../src/db/schema/index.ts';

describe('D6.1 the list of encrypted columns', () => {
  it('names every *_enc column of the schema, so key rotation misses none', () => {
    const inSchema = Object.values(schema as Record<string, unknown>)
      .filter((value): value is PgTable => is(value, PgTable))
      .flatMap((table) => {
        const config = getTableConfig(table);
        return config.columns.map((c) => `${config.name}.${c.name}`);
      })
      .filter((name) => name.endsWith('_enc'))
      .sort();
    const listed = ENCRYPTED_COLUMNS.flatMap(({ table, columns }) =>
      columns.map((c) => `${getTableConfig(table).name}.${c.name}`),
    ).sort();
    expect(inSchema.length).toBeGreaterThanOrEqual(6);
    expect(listed).toEqual(inSchema);
  });
});
