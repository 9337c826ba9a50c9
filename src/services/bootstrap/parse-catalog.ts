import { z } from 'zod';
import { parseFields, type Diagnostics } from './diagnostics.ts';
import {
  amount,
  count,
  flag,
  name,
  slug,
  slugList,
  text,
  window,
  type FileContext,
} from './fields.ts';
import { linkSpec, resolveSlug, type RawItem } from './lists.ts';
import { findDuplicates, quoteList } from './slugs.ts';
import type { AddonValues, GroupValues, ItemSpec, QuestionValues, TicketValues } from './types.ts';

const ticketShape = (ctx: FileContext) => ({
  name: name(),
  slug: slug().optional(),
  description: text().optional(),
  price: amount(ctx),
  quantity: count(),
  per_user: count().optional(),
  voucher_required: flag().optional(),
  active: flag().optional(),
  bulk_enabled: flag().optional(),
  available: window(ctx).optional(),
});

/** BOOT-2 plus description/active/bulk_enabled; `order` is the position in the file. */
export function readTicket(
  item: RawItem,
  ctx: FileContext,
  diag: Diagnostics,
): ItemSpec<TicketValues> | undefined {
  const parsed = parseFields(ticketShape(ctx), item.raw, item.where, diag);
  const key = resolveSlug(parsed.value.slug, parsed.value.name, item.where, diag);
  if (!parsed.ok || key === undefined) return undefined;
  const v = parsed.value;
  const values: TicketValues = {
    name: v.name,
    slug: key,
    description: v.description,
    price: v.price,
    totalQuantity: v.quantity,
    limitPerUser: v.per_user,
    requiresVoucher: v.voucher_required,
    isActive: v.active,
    bulkEnabled: v.bulk_enabled,
    availableFrom: v.available?.opens,
    availableUntil: v.available?.closes,
    sortOrder: item.index,
  };
  return { key, where: item.where, values, links: [] };
}

const addonShape = (ctx: FileContext) => ({
  name: name(),
  slug: slug().optional(),
  description: text().optional(),
  // BOOT-8: the reference let a missing price through to a raw database error.
  price: amount(ctx),
  quantity: count().optional(),
  active: flag().optional(),
  bulk_enabled: flag().optional(),
  available: window(ctx).optional(),
  requires: slugList().optional(),
});

/** BOOT-3; `requires` present replaces the prerequisite set, absent leaves it (BOOT-7). */
export function readAddon(
  item: RawItem,
  ctx: FileContext,
  diag: Diagnostics,
): ItemSpec<AddonValues> | undefined {
  const parsed = parseFields(addonShape(ctx), item.raw, item.where, diag);
  const key = resolveSlug(parsed.value.slug, parsed.value.name, item.where, diag);
  if (!parsed.ok || key === undefined) return undefined;
  const v = parsed.value;
  const values: AddonValues = {
    name: v.name,
    slug: key,
    description: v.description,
    price: v.price,
    totalQuantity: v.quantity,
    isActive: v.active,
    bulkEnabled: v.bulk_enabled,
    availableFrom: v.available?.opens,
    availableUntil: v.available?.closes,
    sortOrder: item.index,
  };
  const links = linkSpec('addonRequires', `${item.where}.requires`, v.requires);
  return { key, where: item.where, values, links };
}

const groupShape = () => ({
  name: name(),
  slug: slug('staff').optional(),
  description: text().optional(),
});

/** COND-6 buyer groups that group_member discounts point at. */
export function readGroup(item: RawItem, diag: Diagnostics): ItemSpec<GroupValues> | undefined {
  const parsed = parseFields(groupShape(), item.raw, item.where, diag);
  const key = resolveSlug(parsed.value.slug, parsed.value.name, item.where, diag);
  if (!parsed.ok || key === undefined) return undefined;
  const v = parsed.value;
  const values: GroupValues = { name: v.name, slug: key, description: v.description };
  return { key, where: item.where, values, links: [] };
}

const questionShape = () => ({
  key: slug('tshirt_size'),
  label: name(),
  kind: z
    .enum(['text', 'select', 'boolean'], { error: () => 'must be "text", "select" or "boolean"' })
    .optional(),
  options: z.array(name(), { error: () => 'must be a list of strings' }).optional(),
  required: flag().optional(),
});

/**
 * Attendee questions. Kind and options describe the answer together, so both are always
 * written: a question without `kind` is a text question with no options.
 */
export function readQuestion(
  item: RawItem,
  diag: Diagnostics,
): ItemSpec<QuestionValues> | undefined {
  const parsed = parseFields(questionShape(), item.raw, item.where, diag);
  const kind = parsed.value.kind ?? 'text';
  const options = parsed.value.options;
  // With an unreadable kind, a complaint about options would only be noise.
  const kindKnown = parsed.value.kind !== undefined || item.raw.kind === undefined;
  if (kindKnown && kind === 'select' && (options === undefined || options.length === 0))
    diag.problem(`${item.where}.options`, 'a select question needs at least one option');
  if (kindKnown && kind !== 'select' && options !== undefined)
    diag.problem(`${item.where}.options`, 'only select questions have options');
  const repeated = findDuplicates(options ?? []);
  if (repeated.length > 0)
    diag.problem(`${item.where}.options`, `duplicate options: ${quoteList(repeated)}`);
  if (!parsed.ok) return undefined;
  const v = parsed.value;
  const values: QuestionValues = {
    key: v.key,
    label: v.label,
    kind,
    options: kind === 'select' ? (options ?? []) : [],
    isRequired: v.required,
    sortOrder: item.index,
  };
  return { key: v.key, where: item.where, values, links: [] };
}
