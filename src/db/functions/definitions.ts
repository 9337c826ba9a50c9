import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { queryRows } from '../raw.ts';

/**
 * The one current definition of every database function lives in this folder, one `.sql` file
 * per function, named after it (STYLE §13). Migrations are produced from these files
 * (`npm run db:functions`, generate.ts), and a test fails when a migrated database and the files
 * disagree. Old migrations stay as they are: they are history, already applied in the field.
 */
export const functionsFolder = fileURLToPath(new URL('.', import.meta.url));

/** Every function this project defines in the database starts with this prefix. */
const PREFIX = 'lanyard_';

/** A scratch schema the sources are loaded into, inside a transaction that is rolled back. */
const SCRATCH = 'lanyard_function_sources';

export interface FunctionSource {
  name: string;
  /** A `CREATE OR REPLACE FUNCTION` statement, with its comments. */
  text: string;
  /** LANGUAGE sql bodies are checked when created, so they go before the functions calling them. */
  isSql: boolean;
}

export function readFunctionSources(folder = functionsFolder): FunctionSource[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const text = readFileSync(`${folder}/${file}`, 'utf8');
      return { name: file.slice(0, -'.sql'.length), text, isSql: /\bLANGUAGE\s+sql\b/i.test(text) };
    });
}

export interface DefinedFunction {
  name: string;
  /** The argument list that identifies it, e.g. `uuid[], uuid[], uuid[]`. */
  identity: string;
  /** `pg_get_functiondef` with the schema name left out and whitespace collapsed. */
  definition: string;
}

function normalised(definition: string, schema: string): string {
  return definition.split(`${schema}.`).join('').replace(/\s+/g, ' ').trim();
}

async function definedIn(db: Database, schema: string): Promise<DefinedFunction[]> {
  const rows = await queryRows<{ name: string; identity: string; definition: string }>(
    db,
    sql`SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS identity,
          pg_get_functiondef(p.oid) AS definition
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ${schema} AND p.proname LIKE ${`${PREFIX}%`} ORDER BY 1, 2`,
  );
  return rows.map((row) => ({ ...row, definition: normalised(row.definition, schema) }));
}

export interface FunctionDrift {
  /** Functions whose source differs from the database, or that the database lacks. */
  changed: FunctionSource[];
  /** What the database has under the name of a changed function (a changed signature must go first). */
  replaced: DefinedFunction[];
  /** `lanyard_*` functions in the database with no source: no longer live. */
  retired: DefinedFunction[];
  /** Source files whose statement defines no function of their name. */
  misnamed: string[];
}

/**
 * Compares the sources with the database's `public` functions. Each source is created in a
 * scratch schema (searched before `public`, so it resolves types and tables exactly as a
 * migration would) and the two `pg_get_functiondef` texts are compared; nothing is kept.
 */
export async function functionDrift(
  db: Database,
  sources: readonly FunctionSource[] = readFunctionSources(),
): Promise<FunctionDrift> {
  const marker = new Error('rolled back on purpose');
  let drift: FunctionDrift | undefined;
  try {
    await db.transaction(async (tx) => {
      const live = await definedIn(tx, 'public');
      await tx.execute(sql.raw(`CREATE SCHEMA ${SCRATCH}`));
      await tx.execute(sql.raw(`SET LOCAL search_path = ${SCRATCH}, public`));
      for (const source of [...sources].sort((a, b) => Number(b.isSql) - Number(a.isSql)))
        await tx.execute(sql.raw(source.text));
      const wanted = await definedIn(tx, SCRATCH);
      const sourceNames = new Set(sources.map((s) => s.name));
      drift = {
        changed: sources.filter((source) => {
          const mine = wanted.filter((w) => w.name === source.name);
          const theirs = live.filter((l) => l.name === source.name);
          return (
            mine.length !== theirs.length ||
            mine.some((m) => !theirs.some((t) => t.definition === m.definition))
          );
        }),
        replaced: live.filter(
          (l) =>
            sourceNames.has(l.name) &&
            !wanted.some((w) => w.name === l.name && w.identity === l.identity),
        ),
        retired: live.filter((l) => !sourceNames.has(l.name)),
        misnamed: sources.filter((s) => !wanted.some((w) => w.name === s.name)).map((s) => s.name),
      };
      throw marker;
    });
  } catch (error) {
    if (error !== marker) throw error;
  }
  if (!drift) throw new Error('function drift was not computed');
  return drift;
}

/** The statements of a migration that brings the database to the sources (empty when it is). */
export function migrationStatements(drift: FunctionDrift): string[] {
  const signature = (f: DefinedFunction) => `${f.name}(${f.identity})`;
  return [
    ...drift.replaced.map((f) => `DROP FUNCTION ${signature(f)};`),
    ...[...drift.changed]
      .sort((a, b) => Number(b.isSql) - Number(a.isSql))
      .map((source) => source.text.trim()),
    ...drift.retired.map((f) => `DROP FUNCTION ${signature(f)};`),
  ];
}
