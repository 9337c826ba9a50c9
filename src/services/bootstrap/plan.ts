import type { Diagnostics } from './diagnostics.ts';
import type { ExistingState, LinkState } from './load-existing.ts';
import { quoteList } from './slugs.ts';
import type {
  AddonValues,
  BootstrapConfig,
  Change,
  ConferenceValues,
  DiscountValues,
  GroupValues,
  ItemSpec,
  LinkName,
  LinkSpec,
  QuestionValues,
  SectionValues,
  TicketValues,
  VoucherValues,
} from './types.ts';

/** What the run will do to one item; computed from reads only, so a dry run can show it. */
export interface PlannedItem<V> {
  readonly spec: ItemSpec<V>;
  readonly existingId: string | null;
  readonly change: Change;
  /** Columns whose value differs from the row (updates only). */
  readonly patch: Partial<V>;
  /** Join sets to write: all of them on create, only the differing ones on update. */
  readonly links: readonly LinkSpec[];
  /** Names of the changed columns and join sets, for the summary. */
  readonly fields: readonly string[];
}

export interface BootstrapPlan {
  readonly conference: PlannedItem<ConferenceValues>;
  readonly sections: readonly PlannedItem<SectionValues>[];
  readonly tickets: readonly PlannedItem<TicketValues>[];
  readonly addons: readonly PlannedItem<AddonValues>[];
  readonly groups: readonly PlannedItem<GroupValues>[];
  readonly vouchers: readonly PlannedItem<VoucherValues>[];
  readonly discounts: readonly PlannedItem<DiscountValues>[];
  readonly questions: readonly PlannedItem<QuestionValues>[];
}

/** The file key each join set comes from, for the summary. */
const LINK_KEYS: Record<LinkName, string> = {
  addonRequires: 'requires',
  voucherTickets: 'tickets',
  voucherAddons: 'addons',
  discountTickets: 'tickets',
  discountAddons: 'addons',
  discountGroups: 'groups',
  discountEnablingTickets: 'enabling_tickets',
};

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Compare, don't blindly write: an unchanged row must keep its `updated_at` (BOOT-7). */
export function changedValues<V extends object>(
  row: { readonly [K in keyof V]?: unknown },
  desired: V,
): Partial<V> {
  const patch: Partial<V> = {};
  for (const key of Object.keys(desired) as (keyof V)[]) {
    const want = desired[key];
    if (want !== undefined && !sameValue(row[key], want)) patch[key] = want;
  }
  return patch;
}

function sameSet(current: ReadonlySet<string> | undefined, wanted: readonly string[]): boolean {
  const have = current ?? new Set<string>();
  return have.size === wanted.length && wanted.every((slug) => have.has(slug));
}

function planItem<V extends object>(
  spec: ItemSpec<V>,
  row: ({ readonly id: string } & { readonly [K in keyof V]?: unknown }) | undefined,
  links: LinkState,
): PlannedItem<V> {
  if (!row)
    return { spec, existingId: null, change: 'created', patch: {}, links: spec.links, fields: [] };
  const patch = changedValues(row, spec.values);
  const changedLinks = spec.links.filter((l) => !sameSet(links[l.link].get(row.id), l.slugs));
  const fields = [...Object.keys(patch), ...changedLinks.map((l) => LINK_KEYS[l.link])];
  const change = fields.length > 0 ? 'updated' : 'unchanged';
  return { spec, existingId: row.id, change, patch, links: changedLinks, fields };
}

function planItems<
  V extends object,
  Row extends { readonly id: string } & { readonly [K in keyof V]?: unknown },
>(
  specs: readonly ItemSpec<V>[],
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  links: LinkState,
  diag: Diagnostics,
): PlannedItem<V>[] {
  const byKey = new Map<string, Row>();
  const repeated = new Set<string>();
  for (const row of rows) {
    if (byKey.has(keyOf(row))) repeated.add(keyOf(row));
    else byKey.set(keyOf(row), row);
  }
  return specs.map((spec) => {
    // Only discount names can repeat in the table; the oldest row is the one kept in step.
    if (repeated.has(spec.key))
      diag.notice(`${spec.where}: several existing rows match; the oldest one is updated`);
    return planItem(spec, byKey.get(spec.key), links);
  });
}

/**
 * Groups may be declared in the file or already exist in the database; tickets and add-ons were
 * resolved against the file while parsing.
 */
function checkGroupReferences(
  config: BootstrapConfig,
  existing: ExistingState,
  diag: Diagnostics,
): void {
  const known = new Set([
    ...config.groups.map((g) => g.key),
    ...existing.groups.map((g) => g.slug),
  ]);
  for (const discount of config.discounts)
    for (const link of discount.links) {
      if (link.link !== 'discountGroups') continue;
      const unknown = link.slugs.filter((slug) => !known.has(slug)).sort();
      if (unknown.length > 0)
        diag.problem(
          link.where,
          `unknown group slug${unknown.length > 1 ? 's' : ''} ${quoteList(unknown)}`,
        );
    }
}

export function planBootstrap(
  config: BootstrapConfig,
  existing: ExistingState,
  diag: Diagnostics,
): BootstrapPlan {
  checkGroupReferences(config, existing, diag);
  const links = existing.links;
  return {
    conference: planItem(config.conference, existing.conference ?? undefined, links),
    sections: planItems(config.sections, existing.sections, (r) => r.slug, links, diag),
    tickets: planItems(config.tickets, existing.tickets, (r) => r.slug, links, diag),
    addons: planItems(config.addons, existing.addons, (r) => r.slug, links, diag),
    groups: planItems(config.groups, existing.groups, (r) => r.slug, links, diag),
    vouchers: planItems(config.vouchers, existing.vouchers, (r) => r.code, links, diag),
    discounts: planItems(config.discounts, existing.discounts, (r) => r.name, links, diag),
    questions: planItems(config.questions, existing.questions, (r) => r.key, links, diag),
  };
}
