import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import {
  voucherAddons,
  voucherTicketTypes,
  vouchers,
  type Conference,
  type Voucher,
} from '../../../db/schema/index.ts';
import type { VoucherKind } from '../../../domain/pricing/index.ts';
import { countVoucherUses } from '../../inventory/index.ts';
import { groupLinks } from '../common/links.ts';
import { bpToPercent } from '../common/percent.ts';
import { manageErrors } from '../errors.ts';
import { normaliseVoucherCode } from './codes.ts';

export interface ManagedVoucher {
  id: string;
  code: string;
  kind: VoucherKind;
  percentOff: number | null;
  amountOff: number | null;
  maxUses: number;
  /** Orders holding a use (VOU-7), derived from orders: there is no counter to drift (D2.1). */
  usesCount: number;
  validFrom: Date | null;
  validUntil: Date | null;
  unlocksHiddenTickets: boolean;
  isActive: boolean;
  note: string;
  ticketTypeIds: string[];
  addonIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface VoucherFilters {
  /** Code prefix, matched case-insensitively (VOU-10). */
  codePrefix?: string | undefined;
  /** The voucher's own on/off switch, not its window or remaining uses. */
  isActive?: boolean | undefined;
}

/** Builds the views of stored vouchers: scope sets and derived uses in two grouped reads. */
export async function voucherViews(
  db: Database,
  rows: readonly Voucher[],
  now: Date,
): Promise<ManagedVoucher[]> {
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [ticketLinks, addonLinks, uses] = await Promise.all([
    db.select().from(voucherTicketTypes).where(inArray(voucherTicketTypes.voucherId, ids)),
    db.select().from(voucherAddons).where(inArray(voucherAddons.voucherId, ids)),
    countVoucherUses(db, ids, now),
  ]);
  const tickets = groupLinks(
    ticketLinks,
    (l) => l.voucherId,
    (l) => l.ticketTypeId,
  );
  const addonIds = groupLinks(
    addonLinks,
    (l) => l.voucherId,
    (l) => l.addonId,
  );
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    kind: row.kind,
    percentOff: bpToPercent(row.percentOffBp),
    amountOff: row.amountOff,
    maxUses: row.maxUses,
    usesCount: uses.get(row.id) ?? 0,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    unlocksHiddenTickets: row.unlocksHiddenTickets,
    isActive: row.isActive,
    note: row.note,
    ticketTypeIds: tickets.get(row.id) ?? [],
    addonIds: addonIds.get(row.id) ?? [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

export async function listManagedVouchers(
  db: Database,
  conference: Conference,
  filters: VoucherFilters,
  now: Date,
): Promise<ManagedVoucher[]> {
  const where: SQL[] = [eq(vouchers.conferenceId, conference.id)];
  const prefix = filters.codePrefix === undefined ? '' : normaliseVoucherCode(filters.codePrefix);
  // starts_with, not LIKE: "_" is a legal code character and a LIKE wildcard.
  if (prefix !== '') where.push(sql`starts_with(${vouchers.code}, ${prefix})`);
  if (filters.isActive !== undefined) where.push(eq(vouchers.isActive, filters.isActive));
  const rows = await db
    .select()
    .from(vouchers)
    .where(and(...where))
    .orderBy(asc(vouchers.code));
  return voucherViews(db, rows, now);
}

export async function getVoucherRowOrThrow(
  db: Database,
  conferenceId: string,
  id: string,
): Promise<Voucher> {
  const [row] = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.conferenceId, conferenceId), eq(vouchers.id, id)))
    .limit(1);
  if (!row) throw manageErrors('VOUCHER_NOT_FOUND', { id });
  return row;
}

export async function getManagedVoucher(
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedVoucher> {
  const [view] = await voucherViews(db, [await getVoucherRowOrThrow(db, conference.id, id)], now);
  if (!view) throw manageErrors('VOUCHER_NOT_FOUND', { id });
  return view;
}
