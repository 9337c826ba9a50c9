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
