import type { DiscountCondition } from '../../../db/schema/index.ts';
import type { ConditionKind } from '../../../domain/pricing/index.ts';
import { resolveDiscountValue } from '../common/discount-value.ts';
import { patched } from '../common/patch.ts';
import { assertWindowOrdered } from '../common/window.ts';
import type { DiscountPatch } from './discount-fields.ts';
import { assertFieldsFitKind, KIND_LABEL } from './kind-fields.ts';

const DISCOUNT_WINDOW = { fromField: 'startTime', untilField: 'endTime' };

/** COND-2 / COND-9: category discounts are a bare percentage; other kinds pick a type. */
function resolveEffect(
  kind: ConditionKind,
  input: DiscountPatch,
  current: DiscountCondition | null,
) {
  const wording = { noun: `${KIND_LABEL[kind]} discount`, typeField: 'discountType' };
  if (kind === 'category_discount') {
    const stored = current && { ...current, type: 'percentage' as const };
    const value = resolveDiscountValue('percentage', input, stored, wording);
    return { discountType: null, ...value };
  }
  const discountType = input.discountType ?? current?.discountType ?? 'percentage';
  const stored = current && { ...current, type: current.discountType };
  return { discountType, ...resolveDiscountValue(discountType, input, stored, wording) };
}

/**
 * The condition columns to write, validated as a whole (D3.5): fields fit the kind, the effect
 * fits its type, the merged window is ordered. Absent fields stay undefined (default / unchanged).
 */
export function discountColumns(
  kind: ConditionKind,
  input: DiscountPatch,
  current: DiscountCondition | null,
) {
  assertFieldsFitKind(kind, input);
  const effect = resolveEffect(kind, input, current);
  assertWindowOrdered(
    patched(input.startTime, current?.startTime ?? null),
    patched(input.endTime, current?.endTime ?? null),
    DISCOUNT_WINDOW,
  );
  return {
    ...effect,
    name: input.name,
    description: input.description,
    isActive: input.isActive,
    priority: input.priority,
    maxQuantity: input.maxQuantity,
    startTime: input.startTime,
    endTime: input.endTime,
    usageLimit: input.usageLimit,
    isPresenter: input.isPresenter,
    isCopresenter: input.isCopresenter,
    applyToTickets: input.applyToTickets,
    applyToAddons: input.applyToAddons,
  };
}
