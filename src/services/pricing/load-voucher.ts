import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  voucherAddons,
  vouchers,
  voucherTicketTypes,
  type Voucher,
} from '../../db/schema/index.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { money } from '../../domain/money.ts';
import type { PricingVoucher } from '../../domain/pricing/index.ts';
import { countVoucherUses } from '../inventory/index.ts';

/** VOU-10 decided: codes are stored upper-case and looked up case-insensitively, trimmed. */
export async function findVoucherByCode(
  db: Database,
  conferenceId: string,
  code: string,
): Promise<Voucher | undefined> {
  const [row] = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.conferenceId, conferenceId), eq(vouchers.code, normaliseCode(code))))
    .limit(1);
  return row;
}

export async function loadPricingVoucher(
  db: Database,
  voucherId: string,
  now: Date,
): Promise<PricingVoucher | null> {
  const [row] = await db.select().from(vouchers).where(eq(vouchers.id, voucherId)).limit(1);
  if (!row) return null;
  const [tickets, addonRows, uses] = await Promise.all([
    db
      .select({ id: voucherTicketTypes.ticketTypeId })
      .from(voucherTicketTypes)
      .where(eq(voucherTicketTypes.voucherId, row.id)),
    db
      .select({ id: voucherAddons.addonId })
      .from(voucherAddons)
      .where(eq(voucherAddons.voucherId, row.id)),
    countVoucherUses(db, [row.id], now),
  ]);
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    percentOffBp: row.percentOffBp,
    amountOff: row.amountOff === null ? null : money(row.amountOff),
    maxUses: row.maxUses,
    usesCount: uses.get(row.id) ?? 0,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    isActive: row.isActive,
    unlocksHiddenTickets: row.unlocksHiddenTickets,
    ticketTypeIds: tickets.map((t) => t.id),
    addonIds: addonRows.map((a) => a.id),
  };
}
