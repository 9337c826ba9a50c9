export { deriveSlug, isSlug } from '../../domain/slugs.ts';

/** Values that occur more than once, sorted by code point (BOOT-5 lists duplicates sorted). */
export function findDuplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated].sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** `"a", "b"` for messages. */
export function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}
