import type { UniqueViolationMap } from '../common/constraint-errors.ts';
import { manageErrors } from '../errors.ts';

/** CAT-1 / CAT-4: (conference, slug) is unique; the index answers, we only word the refusal. */
export function slugTakenOn(constraint: string, noun: string, slug: string): UniqueViolationMap {
  return {
    [constraint]: () =>
      manageErrors(
        'SLUG_TAKEN',
        { field: 'slug', slug },
        `Another ${noun} of this conference already uses the slug "${slug}". Choose a different slug or name.`,
      ),
  };
}
