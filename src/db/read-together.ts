import { sql, type SQL } from 'drizzle-orm';
import { runCached, slotsFor, type Slots } from './cached-statements.ts';
import type { Database } from './client.ts';

export type { Slots } from './cached-statements.ts';

/**
 * Reads that yield one JSON value each (a scalar subquery), so that reads which do not depend on
 * each other share one statement (`readTogether`): on the 2-core bench machine every round trip
 * cost CPU on both sides plus two context switches, so the hottest requests read everything they
 * need at once. A read is defined once as a shape (see cached-statements.ts); the text of each
 * combination of shapes is built once.
 */
interface ReadShape<T> {
  id: number;
  build(slots: Slots<Record<string, unknown>>): SQL;
  decode(value: unknown): T;
}

export interface JsonRead<T> {
  shape: ReadShape<T>;
  values: Readonly<Record<string, unknown>>;
}

const shapes: ReadShape<unknown>[] = [];

/** Every read defined so far: a test prepares each against the migrated schema (STYLE §13). */
export function definedReads(): ReadonlyArray<{ id: number; build: () => SQL }> {
  return shapes.map((shape) => ({ id: shape.id, build: () => shape.build(slotsFor('v.')) }));
}

/** A read whose SQL `build` writes with `slots.<name>` for each value. */
export function defineRead<V extends Record<string, unknown>, T>(
  build: (slots: Slots<V>) => SQL,
  decode: (value: unknown) => T,
): (values: V) => JsonRead<T> {
  const shape: ReadShape<T> = {
    id: shapes.length + 1,
    build: build as (slots: Slots<Record<string, unknown>>) => SQL,
    decode,
  };
  shapes.push(shape);
  return (values) => ({ shape, values });
}

/** A read of nothing, for a combination where one of the reads does not apply. */
export const NOTHING: JsonRead<null> = defineRead(
  () => sql`NULL`,
  () => null,
)({});

type Decoded<R> = { [K in keyof R]: R[K] extends JsonRead<infer T> ? T : never };

export async function readTogether<R extends Record<string, JsonRead<unknown>>>(
  db: Database,
  reads: R,
): Promise<Decoded<R>> {
  const entries = Object.entries(reads) as [string, JsonRead<unknown>][];
  const values: Record<string, unknown> = {};
  for (const [key, read] of entries) {
    for (const [name, value] of Object.entries(read.values)) {
      values[`${key}.${name}`] = value;
    }
  }
  const [row] = await runCached<Record<string, unknown>>(
    db,
    `read ${entries.map(([key, read]) => `${key}:${read.shape.id}`).join(',')}`,
    () => {
      const columns = entries.map(
        ([key, read]) => sql`(${read.shape.build(slotsFor(`${key}.`))}) AS ${sql.identifier(key)}`,
      );
      return sql`SELECT ${sql.join(columns, sql`, `)}`;
    },
    values,
  );
  return Object.fromEntries(
    entries.map(([key, read]) => [key, read.shape.decode(row?.[key] ?? null)]),
  ) as Decoded<R>;
}

export async function readOne<T>(db: Database, read: JsonRead<T>): Promise<T> {
  return (await readTogether(db, { value: read })).value;
}
