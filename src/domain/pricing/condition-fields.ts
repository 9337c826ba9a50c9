import { hasUnitLimit } from './condition-rules.ts';
import type { ConditionKind } from './types.ts';

/** Every kind, in the order the API document and the bootstrap messages list them. */
export const CONDITION_KINDS = [
  'time_or_stock',
  'speaker',
  'group_member',
  'included_product',
  'product_discount',
  'category_discount',
] as const satisfies readonly ConditionKind[];

/**
 * What each condition kind can be given (COND-1..COND-9), shared by the organiser API and the
 * bootstrap file, which name the same things differently (`startTime` / `starts`): a field of
 * another kind is refused by name on both sides, never silently stored or ignored.
 */
export type ConditionPart =
  /** COND-2: discount type and value, units per line, product scope. */
  | 'effect'
  /** COND-4, COND-8, COND-9: a window and a unit limit. */
  | 'limits'
  /** COND-5 */
  | 'speakerRoles'
  /** COND-6 */
  | 'groups'
  /** COND-7 */
  | 'enablingTickets'
  /** COND-9: a bare percentage on tickets and/or add-ons. */
  | 'category';

export function conditionHas(kind: ConditionKind, part: ConditionPart): boolean {
  switch (part) {
    case 'effect':
      return kind !== 'category_discount';
    case 'limits':
      return hasUnitLimit(kind);
    case 'speakerRoles':
      return kind === 'speaker';
    case 'groups':
      return kind === 'group_member';
    case 'enablingTickets':
      return kind === 'included_product';
    case 'category':
      return kind === 'category_discount';
  }
}

/** COND-6 / COND-7: an empty set never qualifies, so these kinds need at least one entry. */
export function requiredSetOf(kind: ConditionKind): ConditionPart | null {
  if (kind === 'group_member') return 'groups';
  if (kind === 'included_product') return 'enablingTickets';
  return null;
}
