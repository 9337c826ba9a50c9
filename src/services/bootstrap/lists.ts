import { isTable, tomlTypeName, type Diagnostics, type Table } from './diagnostics.ts';
import type { LinkName, LinkSpec } from './types.ts';
import { deriveSlug, findDuplicates, quoteList } from './slugs.ts';

/** One `[[conference.<list>]]` entry before validation. */
export interface RawItem {
  readonly raw: Table;
  readonly index: number;
  /** `conference.tickets[2] (early-bird)` */
  readonly where: string;
  /** The item's match key as far as it can be read from the raw table; undefined if it can't. */
  readonly label: string | undefined;
}

/**
 * The entries of an array of tables. A list that is not an array, and entries that are not
 * tables, are problems naming the index and the actual type (BOOT-6).
 */
export function readList(
  conference: Table,
  key: string,
  labelOf: (raw: Table) => string | undefined,
  diag: Diagnostics,
): RawItem[] {
  const list = conference[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    diag.problem(`conference.${key}`, `must be a list of tables ([[conference.${key}]])`);
    return [];
  }
  const items: RawItem[] = [];
  list.forEach((raw: unknown, index) => {
    const at = `conference.${key}[${index}]`;
    if (!isTable(raw)) {
      diag.problem(at, `must be a table, got ${tomlTypeName(raw)}`);
      return;
    }
    const label = labelOf(raw);
    items.push({ raw, index, where: label ? `${at} (${label})` : at, label });
  });
  return items;
}

/** BOOT-5: the explicit slug, else the one derived from the name. */
export function slugLabel(raw: Table): string | undefined {
  if (typeof raw.slug === 'string') return raw.slug.trim() || undefined;
  if (typeof raw.name === 'string') return deriveSlug(raw.name) || undefined;
  return undefined;
}

export function stringLabel(key: string, normalise: (value: string) => string = (v) => v.trim()) {
  return (raw: Table): string | undefined =>
    typeof raw[key] === 'string' ? normalise(raw[key]) || undefined : undefined;
}

/**
 * The slug of a parsed item: explicit, or derived from its name (BOOT-5). A name with no letter
 * or digit derives nothing, which is a problem rather than an empty slug.
 */
export function resolveSlug(
  explicit: string | undefined,
  itemName: string | undefined,
  where: string,
  diag: Diagnostics,
): string | undefined {
  if (explicit !== undefined) return explicit;
  if (itemName === undefined) return undefined;
  const derived = deriveSlug(itemName);
  if (derived === '') diag.problem(`${where}.name`, 'yields an empty slug; add a slug');
  return derived || undefined;
}

/** BOOT-5: duplicates within one list are one problem, listing them sorted. */
export function reportDuplicates(
  items: readonly RawItem[],
  list: string,
  what: string,
  diag: Diagnostics,
): void {
  const labels = items.flatMap((item) => (item.label === undefined ? [] : [item.label]));
  const duplicates = findDuplicates(labels);
  if (duplicates.length > 0)
    diag.problem(`conference.${list}`, `duplicate ${what} ${quoteList(duplicates)}`);
}

/** A join set from the file; repeating a slug in one list means nothing more than once. */
export function linkSpec(
  link: LinkName,
  where: string,
  slugs: readonly string[] | undefined,
): LinkSpec[] {
  return slugs === undefined ? [] : [{ link, where, slugs: [...new Set(slugs)] }];
}
