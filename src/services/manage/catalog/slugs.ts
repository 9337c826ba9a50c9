import { deriveSlug, isSlug } from '../../../domain/slugs.ts';
import { invalidField } from '../common/field-errors.ts';

/**
 * The slug to store: the given one, which must already be in BOOT-5 form (a URL segment the
 * organiser sees verbatim), or the one BOOT-5 derives from the name (CAT-1). The derivation is
 * the bootstrap loader's, so a product created here and one loaded from TOML agree.
 */
export function resolveSlug(slug: string | undefined, name: string): string {
  if (slug !== undefined) {
    if (!isSlug(slug)) {
      throw invalidField(
        'slug',
        'must use lowercase letters, digits, "-" and "_" only, without leading or trailing "-"',
      );
    }
    return slug;
  }
  const derived = deriveSlug(name);
  if (derived === '') {
    throw invalidField('slug', 'cannot be derived from this name; please give a slug');
  }
  return derived;
}
