import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { vouchers, type Voucher } from '../../db/schema/index.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { money } from '../../domain/money.ts';
import type { PricingVoucher, VoucherKind } from '../../domain/pricing/index.ts';
import { isOrderHoldingUses } from '../inventory/index.ts';

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

interface VoucherRow {
  id: string;
  code: string;
  kind: VoucherKind;
  percent_off_bp: number | null;
  amount_off: string | number | null;
  max_uses: number;
  uses: string | number;
  valid_from: Date | string | null;
  valid_until: Date | string | null;
  is_active: boolean;
  unlocks_hidden_tickets: boolean;
  ticket_type_ids: string[];
  addon_ids: string[];
}

const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : new Date(value);

/** The voucher with its scope and derived uses (VOU-7), in one statement. */
export async function loadPricingVoucher(
  db: Database,
  voucherId: string,
  now: Date,
): Promise<PricingVoucher | null> {
  const [row] = await queryRows<VoucherRow>(
    db,
    sql`SELECT v.id, v.code, v.kind, v.percent_off_bp, v.amount_off, v.max_uses, v.valid_from, v.valid_until,
        v.is_active, v.unlocks_hidden_tickets,
        (SELECT count(*) FROM orders WHERE orders.voucher_id = v.id AND ${isOrderHoldingUses(now)}) AS uses,
        ARRAY(SELECT x.ticket_type_id::text FROM voucher_ticket_types x WHERE x.voucher_id = v.id ORDER BY 1) AS ticket_type_ids,
        ARRAY(SELECT x.addon_id::text FROM voucher_addons x WHERE x.voucher_id = v.id ORDER BY 1) AS addon_ids
      FROM vouchers v WHERE v.id = ${voucherId}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    percentOffBp: row.percent_off_bp,
    amountOff: row.amount_off === null ? null : money(Number(row.amount_off)),
    maxUses: row.max_uses,
    usesCount: Number(row.uses),
    validFrom: toDate(row.valid_from),
    validUntil: toDate(row.valid_until),
    isActive: row.is_active,
    unlocksHiddenTickets: row.unlocks_hidden_tickets,
    ticketTypeIds: row.ticket_type_ids,
    addonIds: row.addon_ids,
  };
}
