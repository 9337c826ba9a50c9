import { TomlDate } from 'smol-toml';
import type { z } from 'zod';

/** Collects every problem and notice of one file, so all of them are reported at once (BOOT-6). */
export class Diagnostics {
  readonly problems: string[] = [];
  readonly notices: string[] = [];

  problem(where: string, message: string): void {
    this.problems.push(`${where}: ${message}`);
  }

  notice(message: string): void {
    this.notices.push(message);
  }
}

export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** The TOML type of a value, for "must be a table, got …" (BOOT-6). */
export function tomlTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value instanceof TomlDate) return value.isTime() ? 'time' : 'date';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value === 'object' ? 'table' : typeof value;
}

/** `.opens`, `[1]`: the part of a zod issue path below the key that was parsed. */
function pathSuffix(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

export type Shape = Record<string, z.ZodType>;
export type ShapeOutput<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

export type FieldsResult<S extends Shape> =
  { ok: true; value: ShapeOutput<S> } | { ok: false; value: Partial<ShapeOutput<S>> };

/**
 * Parses each key of a table with its own schema, so one bad key never hides another and
 * cross-key checks can still look at the keys that did parse (BOOT-6: all problems at once).
 * Unknown keys are ignored as BOOT-1 says, but named in a notice: a typo should not pass unseen.
 */
export function parseFields<S extends Shape>(
  shape: S,
  raw: Table,
  where: string,
  diag: Diagnostics,
): FieldsResult<S> {
  const value: Partial<ShapeOutput<S>> = {};
  let ok = true;
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const schema = shape[key];
    if (!schema) continue;
    const result = schema.safeParse(raw[key]);
    if (result.success) {
      value[key] = result.data as ShapeOutput<S>[typeof key];
      continue;
    }
    ok = false;
    for (const issue of result.error.issues)
      diag.problem(`${where}.${key}${pathSuffix(issue.path)}`, issue.message);
  }
  for (const key of Object.keys(raw))
    if (!(key in shape)) diag.notice(`${where}.${key}: unknown key, ignored`);
  return ok ? { ok, value: value as ShapeOutput<S> } : { ok, value };
}
