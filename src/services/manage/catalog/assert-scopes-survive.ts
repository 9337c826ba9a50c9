import { and, eq, exists, ne, notExists, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../../db/client.ts';
import {
  addonRequiredTicketTypes,
  addons,
  discountConditionAddons,
  discountConditions,
  discountConditionTicketTypes,
  voucherAddons,
  voucherTicketTypes,
  vouchers,
} from '../../../db/schema/index.ts';
import { manageErrors } from '../errors.ts';

export type ProductKind = 'ticket_type' | 'addon';

interface LinkTable {
  table: PgTable;
  owner: PgColumn;
  target: PgColumn;
}

interface ScopeShape {
  /** The link table of the deleted product's kind. */
  same: LinkTable;
  /** The link table of the other kind; null when the owner has only one set. */
  other: LinkTable | null;
}

const one = sql`1`;

const link = (table: PgTable, owner: PgColumn, target: PgColumn): LinkTable => ({
  table,
  owner,
  target,
});

const VOUCHER_TICKETS = link(
  voucherTicketTypes,
  voucherTicketTypes.voucherId,
  voucherTicketTypes.ticketTypeId,
);
const VOUCHER_ADDONS = link(voucherAddons, voucherAddons.voucherId, voucherAddons.addonId);
const CONDITION_TICKETS = link(
  discountConditionTicketTypes,
  discountConditionTicketTypes.conditionId,
  discountConditionTicketTypes.ticketTypeId,
);
const CONDITION_ADDONS = link(
  discountConditionAddons,
  discountConditionAddons.conditionId,
  discountConditionAddons.addonId,
);
const ADDON_PREREQUISITES = link(
  addonRequiredTicketTypes,
  addonRequiredTicketTypes.addonId,
  addonRequiredTicketTypes.ticketTypeId,
);

function scopeOf(kind: ProductKind, tickets: LinkTable, addonLinks: LinkTable): ScopeShape {
  return kind === 'ticket_type'
    ? { same: tickets, other: addonLinks }
    : { same: addonLinks, other: tickets };
}

/** The owner's `same` set is exactly {productId} and its `other` set is empty. */
function isSoleScope(db: Database, ownerId: PgColumn, shape: ScopeShape, productId: string): SQL {
  const { same, other } = shape;
  const linksTo = (match: SQL) =>
    db
      .select({ one })
      .from(same.table)
      .where(and(eq(same.owner, ownerId), match));
  const conditions = [
    exists(linksTo(eq(same.target, productId))),
    notExists(linksTo(ne(same.target, productId))),
  ];
  if (other) {
    const anyOther = db.select({ one }).from(other.table).where(eq(other.owner, ownerId));
    conditions.push(notExists(anyOther));
  }
  return and(...conditions) as SQL;
}

async function widenedVouchers(db: Database, conferenceId: string, kind: ProductKind, id: string) {
  const shape = scopeOf(kind, VOUCHER_TICKETS, VOUCHER_ADDONS);
  const rows = await db
    .select({ code: vouchers.code })
    .from(vouchers)
    .where(and(eq(vouchers.conferenceId, conferenceId), isSoleScope(db, vouchers.id, shape, id)));
  return rows.map((row) => row.code);
}

async function widenedDiscounts(db: Database, conferenceId: string, kind: ProductKind, id: string) {
  const shape = scopeOf(kind, CONDITION_TICKETS, CONDITION_ADDONS);
  const rows = await db
    .select({ name: discountConditions.name })
    .from(discountConditions)
    .where(
      and(
        eq(discountConditions.conferenceId, conferenceId),
        isSoleScope(db, discountConditions.id, shape, id),
      ),
    );
  return rows.map((row) => row.name);
}

async function widenedAddons(db: Database, conferenceId: string, kind: ProductKind, id: string) {
  if (kind === 'addon') return [];
  const shape = { same: ADDON_PREREQUISITES, other: null };
  const rows = await db
    .select({ slug: addons.slug })
    .from(addons)
    .where(and(eq(addons.conferenceId, conferenceId), isSoleScope(db, addons.id, shape, id)));
  return rows.map((row) => row.slug);
}

function describeWidened(codes: string[], names: string[], slugs: string[]): string {
  return [
    codes.length > 0 ? `vouchers ${codes.join(', ')}` : '',
    names.length > 0 ? `discounts ${names.map((n) => `"${n}"`).join(', ')}` : '',
    slugs.length > 0 ? `add-ons ${slugs.join(', ')} (as their only required ticket)` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
}

/**
 * An empty voucher/discount scope means "every product" and an empty add-on prerequisite set
 * means "with any ticket" (C-3, CAT-4), so deleting the only product a scope lists would silently
 * widen it: a speaker comp would start comping every ticket. Refuse and name what to fix first.
 */
export async function assertScopesSurviveDeletion(
  db: Database,
  conferenceId: string,
  kind: ProductKind,
  productId: string,
): Promise<void> {
  const voucherCodes = await widenedVouchers(db, conferenceId, kind, productId);
  const discountNames = await widenedDiscounts(db, conferenceId, kind, productId);
  const addonSlugs = await widenedAddons(db, conferenceId, kind, productId);
  if (voucherCodes.length + discountNames.length + addonSlugs.length === 0) return;
  throw manageErrors(
    'PRODUCT_STILL_SCOPED',
    { voucherCodes, discountNames, addonSlugs },
    `This product is the only one listed by ${describeWidened(voucherCodes, discountNames, addonSlugs)}. ` +
      'Without it they would apply to every product. Change or delete them first.',
  );
}
