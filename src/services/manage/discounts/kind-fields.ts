import { hasUnitLimit, type ConditionKind } from '../../../domain/pricing/index.ts';
import { manageErrors } from '../errors.ts';
import type { DiscountPatch, KindField } from './discount-fields.ts';

// COND-2: the effect and the product scope belong to every kind but the category discount.
const EFFECT: readonly KindField[] = [
  'discountType',
  'percentOff',
  'amountOff',
  'maxQuantity',
  'ticketTypeIds',
  'addonIds',
];
// COND-4, COND-8, COND-9: only limited kinds have a window and a unit limit (domain decides which).
const LIMITS: readonly KindField[] = ['startTime', 'endTime', 'usageLimit'];

const OWN: Record<ConditionKind, readonly KindField[]> = {
  time_or_stock: [],
  speaker: ['isPresenter', 'isCopresenter'], // COND-5
  group_member: ['groupIds'], // COND-6
  included_product: ['enablingTicketTypeIds'], // COND-7
  product_discount: [],
  category_discount: ['percentOff', 'applyToTickets', 'applyToAddons'], // COND-9
};

// COND-1: every kind has these.
const COMMON: ReadonlySet<keyof DiscountPatch> = new Set([
  'kind',
  'name',
  'description',
  'isActive',
  'priority',
]);

export const KIND_LABEL: Record<ConditionKind, string> = {
  time_or_stock: 'time or stock limit',
  speaker: 'speaker',
  group_member: 'group member',
  included_product: 'included product',
  product_discount: 'product',
  category_discount: 'category',
};

function fieldsOf(kind: ConditionKind): ReadonlySet<KindField> {
  return new Set([
    ...OWN[kind],
    ...(kind === 'category_discount' ? [] : EFFECT),
    ...(hasUnitLimit(kind) ? LIMITS : []),
  ]);
}

export function kindHasField(kind: ConditionKind, field: KindField): boolean {
  return fieldsOf(kind).has(field);
}

/** A field of another kind is refused by name, never silently stored or ignored. */
export function assertFieldsFitKind(kind: ConditionKind, input: DiscountPatch): void {
  const allowed = fieldsOf(kind);
  const foreign = (Object.keys(input) as Array<keyof DiscountPatch>).filter(
    (key): key is KindField =>
      !COMMON.has(key) &&
      input[key] !== undefined &&
      input[key] !== null &&
      !allowed.has(key as KindField),
  );
  if (foreign.length === 0) return;
  throw manageErrors(
    'FIELD_NOT_ALLOWED',
    { kind, fields: foreign },
    `A ${KIND_LABEL[kind]} discount has no ${foreign.join(', ')}. ` +
      'Remove these fields or choose another kind.',
  );
}
