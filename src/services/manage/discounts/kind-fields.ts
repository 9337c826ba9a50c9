import {
  conditionHas,
  type ConditionKind,
  type ConditionPart,
} from '../../../domain/pricing/index.ts';
import { manageErrors } from '../errors.ts';
import type { DiscountPatch, KindField } from './discount-fields.ts';

// Which part of a condition each field belongs to; percentOff is the effect's value or the
// category discount's bare percentage.
const PARTS: Record<KindField, readonly ConditionPart[]> = {
  discountType: ['effect'],
  percentOff: ['effect', 'category'],
  amountOff: ['effect'],
  maxQuantity: ['effect'],
  ticketTypeIds: ['effect'],
  addonIds: ['effect'],
  startTime: ['limits'],
  endTime: ['limits'],
  usageLimit: ['limits'],
  isPresenter: ['speakerRoles'],
  isCopresenter: ['speakerRoles'],
  groupIds: ['groups'],
  enablingTicketTypeIds: ['enablingTickets'],
  applyToTickets: ['category'],
  applyToAddons: ['category'],
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

export function kindHasField(kind: ConditionKind, field: KindField): boolean {
  return PARTS[field].some((part) => conditionHas(kind, part));
}

/** A field of another kind is refused by name, never silently stored or ignored. */
export function assertFieldsFitKind(kind: ConditionKind, input: DiscountPatch): void {
  const foreign = (Object.keys(input) as Array<keyof DiscountPatch>).filter(
    (key): key is KindField =>
      !COMMON.has(key) &&
      input[key] !== undefined &&
      input[key] !== null &&
      !kindHasField(kind, key as KindField),
  );
  if (foreign.length === 0) return;
  throw manageErrors(
    'FIELD_NOT_ALLOWED',
    { kind, fields: foreign },
    `A ${KIND_LABEL[kind]} discount has no ${foreign.join(', ')}. ` +
      'Remove these fields or choose another kind.',
  );
}
