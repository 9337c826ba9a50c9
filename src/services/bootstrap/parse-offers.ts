import { z } from 'zod';
import { normaliseCode } from '../../domain/codes.ts';
import {
  VALUE_TAKEN,
  VOUCHER_CODE_CHARACTERS,
  VOUCHER_CODE_MAX_LENGTH,
  VOUCHER_CODE_PATTERN,
  type ValueType,
} from '../../domain/offer-rules.ts';
import {
  CONDITION_KINDS,
  conditionHas,
  isWindowOrdered,
  requiredSetOf,
  type ConditionKind,
  type ConditionPart,
} from '../../domain/pricing/index.ts';
import { parseFields, type Diagnostics } from './diagnostics.ts';
import {
  amount,
  count,
  flag,
  integer,
  moment,
  name,
  percentage,
  slugList,
  text,
  type FileContext,
} from './fields.ts';
import { linkSpec, type RawItem } from './lists.ts';
import type { DiscountValues, ItemSpec, VoucherValues } from './types.ts';

interface Effect {
  percentOffBp: number | null;
  amountOff: number | null;
}

/**
 * The discount a voucher or condition gives. `value` is a percentage (→ basis points) or an
 * amount in the conference currency; a comp voucher takes none (VOU-1, D3.5).
 */
function readEffect(
  type: ValueType,
  value: unknown,
  where: string,
  ctx: FileContext,
  diag: Diagnostics,
): Effect | undefined {
  const takes = VALUE_TAKEN[type];
  if (takes === null) {
    if (value === undefined) return { percentOffBp: null, amountOff: null };
    diag.problem(`${where}.value`, 'a comp voucher takes no value (it makes the items free)');
    return undefined;
  }
  if (value === undefined) {
    diag.problem(`${where}.value`, `is required for type "${type}"`);
    return undefined;
  }
  const parsed = (takes === 'percent' ? percentage() : amount(ctx)).safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) diag.problem(`${where}.value`, issue.message);
    return undefined;
  }
  return takes === 'percent'
    ? { percentOffBp: parsed.data, amountOff: null }
    : { percentOffBp: null, amountOff: parsed.data };
}

function checkWindow(
  from: Date | undefined,
  until: Date | undefined,
  at: string,
  fromKey: string,
  diag: Diagnostics,
): void {
  if (!isWindowOrdered(from, until)) diag.problem(at, `must not be before ${fromKey}`);
}

const voucherShape = (ctx: FileContext) => ({
  // VOU-10 / D3.5: stored upper-case so codes match whatever case the buyer types.
  code: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .transform(normaliseCode)
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(VOUCHER_CODE_MAX_LENGTH, `must be at most ${VOUCHER_CODE_MAX_LENGTH} characters`)
        .regex(VOUCHER_CODE_PATTERN, VOUCHER_CODE_CHARACTERS),
    ),
  type: z
    .enum(['comp', 'percentage', 'fixed_amount'], {
      error: () => 'must be "comp", "percentage" or "fixed_amount"',
    })
    .optional(),
  value: z.unknown().optional(),
  max_uses: count().optional(),
  valid_from: moment(ctx, 'start').optional(),
  valid_until: moment(ctx, 'end').optional(),
  unlocks_hidden: flag().optional(),
  active: flag().optional(),
  tickets: slugList().optional(),
  addons: slugList().optional(),
  note: text().optional(),
});

/** VOU-1 vouchers, matched by code on update. Type and value always define the effect. */
export function readVoucher(
  item: RawItem,
  ctx: FileContext,
  diag: Diagnostics,
): ItemSpec<VoucherValues> | undefined {
  const parsed = parseFields(voucherShape(ctx), item.raw, item.where, diag);
  const p = parsed.value;
  const type = p.type ?? 'comp';
  const typeKnown = p.type !== undefined || item.raw.type === undefined;
  const effect = typeKnown ? readEffect(type, p.value, item.where, ctx, diag) : undefined;
  checkWindow(p.valid_from, p.valid_until, `${item.where}.valid_until`, 'valid_from', diag);
  if (!parsed.ok || !effect) return undefined;
  const v = parsed.value;
  const values: VoucherValues = {
    code: v.code,
    kind: type,
    ...effect,
    maxUses: v.max_uses,
    validFrom: v.valid_from,
    validUntil: v.valid_until,
    unlocksHiddenTickets: v.unlocks_hidden,
    isActive: v.active,
    note: v.note,
  };
  const links = [
    ...linkSpec('voucherTickets', `${item.where}.tickets`, v.tickets),
    ...linkSpec('voucherAddons', `${item.where}.addons`, v.addons),
  ];
  return { key: v.code, where: item.where, values, links };
}

/** Keys that belong to one part of a condition; for other kinds they would be silently ignored. */
const PART_OF_KEY: Readonly<Record<string, ConditionPart>> = {
  type: 'effect',
  value: 'effect',
  max_quantity: 'effect',
  tickets: 'effect',
  addons: 'effect',
  starts: 'limits',
  ends: 'limits',
  limit: 'limits',
  percentage: 'category',
  apply_to_tickets: 'category',
  apply_to_addons: 'category',
  is_presenter: 'speakerRoles',
  is_copresenter: 'speakerRoles',
  groups: 'groups',
  enabling_tickets: 'enablingTickets',
};

const KEY_OF_SET: Partial<Record<ConditionPart, string>> = {
  groups: 'groups',
  enablingTickets: 'enabling_tickets',
};

const discountShape = (ctx: FileContext) => ({
  kind: z.enum(CONDITION_KINDS, {
    error: (i) =>
      i.input === undefined ? 'is required' : `must be one of ${CONDITION_KINDS.join(', ')}`,
  }),
  name: name(),
  description: text().optional(),
  priority: integer().optional(),
  active: flag().optional(),
  type: z
    .enum(['percentage', 'fixed_amount'], { error: () => 'must be "percentage" or "fixed_amount"' })
    .optional(),
  value: z.unknown().optional(),
  percentage: percentage().optional(),
  max_quantity: count().optional(),
  starts: moment(ctx, 'start').optional(),
  ends: moment(ctx, 'end').optional(),
  limit: count().optional(),
  is_presenter: flag().optional(),
  is_copresenter: flag().optional(),
  apply_to_tickets: flag().optional(),
  apply_to_addons: flag().optional(),
  tickets: slugList().optional(),
  addons: slugList().optional(),
  groups: slugList().optional(),
  enabling_tickets: slugList().optional(),
});

type DiscountFields = ReturnType<typeof discountShape>;

function checkKindKeys(kind: ConditionKind, item: RawItem, diag: Diagnostics): void {
  for (const [key, part] of Object.entries(PART_OF_KEY))
    if (item.raw[key] !== undefined && !conditionHas(kind, part))
      diag.problem(`${item.where}.${key}`, `does not apply to ${kind} discounts`);
  const required = requiredSetOf(kind);
  const needsSet = required && (KEY_OF_SET[required] ?? null);
  const set = needsSet ? item.raw[needsSet] : undefined;
  if (needsSet && (!Array.isArray(set) || set.length === 0))
    diag.problem(`${item.where}.${needsSet}`, `a ${kind} discount needs at least one slug`);
  if (kind === 'category_discount' && item.raw.percentage === undefined)
    diag.problem(`${item.where}.percentage`, 'is required for a category_discount');
}

function discountEffect(
  p: Partial<{ [K in keyof DiscountFields]: z.output<DiscountFields[K]> }>,
  item: RawItem,
  ctx: FileContext,
  diag: Diagnostics,
): Pick<DiscountValues, 'discountType' | 'percentOffBp' | 'amountOff'> | undefined {
  if (p.kind === 'category_discount')
    return p.percentage === undefined
      ? undefined
      : { discountType: null, percentOffBp: p.percentage, amountOff: null };
  // COND-2: percentage is the default discount type.
  const type = p.type ?? 'percentage';
  if (p.type === undefined && item.raw.type !== undefined) return undefined;
  const effect = readEffect(type, p.value, item.where, ctx, diag);
  return effect && { discountType: type, ...effect };
}

/** COND-1..COND-9 conditions, matched by name on update. */
export function readDiscount(
  item: RawItem,
  ctx: FileContext,
  diag: Diagnostics,
): ItemSpec<DiscountValues> | undefined {
  const parsed = parseFields(discountShape(ctx), item.raw, item.where, diag);
  const p = parsed.value;
  checkWindow(p.starts, p.ends, `${item.where}.ends`, 'starts', diag);
  if (p.kind === undefined) return undefined;
  checkKindKeys(p.kind, item, diag);
  const effect = discountEffect(p, item, ctx, diag);
  if (!parsed.ok || !effect) return undefined;
  const v = parsed.value;
  const values: DiscountValues = {
    kind: v.kind,
    name: v.name,
    description: v.description,
    priority: v.priority,
    isActive: v.active,
    ...effect,
    maxQuantity: v.max_quantity,
    startTime: v.starts,
    endTime: v.ends,
    usageLimit: v.limit,
    isPresenter: v.is_presenter,
    isCopresenter: v.is_copresenter,
    applyToTickets: v.apply_to_tickets,
    applyToAddons: v.apply_to_addons,
  };
  const links = [
    ...linkSpec('discountTickets', `${item.where}.tickets`, v.tickets),
    ...linkSpec('discountAddons', `${item.where}.addons`, v.addons),
    ...linkSpec('discountGroups', `${item.where}.groups`, v.groups),
    ...linkSpec('discountEnablingTickets', `${item.where}.enabling_tickets`, v.enabling_tickets),
  ];
  return { key: v.name, where: item.where, values, links };
}
