/**
 * BOOT-5 slug derivation: lower-case, drop everything but word characters (Unicode letters,
 * digits, underscore), whitespace and hyphens, collapse whitespace/hyphen runs into one hyphen,
 * trim hyphens. "Tutorial: Intro to Django" → "tutorial-intro-to-django".
 */
export function deriveSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\s-]/gu, '')
    .replace(/[\s-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** An explicit slug must already be in the form BOOT-5 would derive, so URLs stay predictable. */
export function isSlug(value: string): boolean {
  return value !== '' && deriveSlug(value) === value;
}

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
