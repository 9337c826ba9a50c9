import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { addons, ticketTypes, type Conference } from '../../../db/schema/index.ts';
import { csvRow } from './csv.ts';
import { listManagedVouchers, type ManagedVoucher, type VoucherFilters } from './list-vouchers.ts';

export const VOUCHER_CSV_COLUMNS = [
  'code',
  'kind',
  'value',
  'max_uses',
  'uses',
  'valid_from',
  'valid_until',
  'unlocks_hidden_tickets',
  'is_active',
  'ticket_types',
  'addons',
] as const;

async function slugsById(db: Database, conferenceId: string): Promise<Map<string, string>> {
  const [tickets, addonRows] = await Promise.all([
    db
      .select({ id: ticketTypes.id, slug: ticketTypes.slug })
      .from(ticketTypes)
      .where(eq(ticketTypes.conferenceId, conferenceId)),
    db
      .select({ id: addons.id, slug: addons.slug })
      .from(addons)
      .where(eq(addons.conferenceId, conferenceId)),
  ]);
  return new Map([...tickets, ...addonRows].map((row) => [row.id, row.slug]));
}

/** Percent for percentage vouchers, minor units for fixed amounts, empty for comps. */
function valueOf(voucher: ManagedVoucher): string {
  if (voucher.kind === 'percentage') return String(voucher.percentOff ?? '');
  if (voucher.kind === 'fixed_amount') return String(voucher.amountOff ?? '');
  return '';
}

function recordOf(voucher: ManagedVoucher, slugs: Map<string, string>): string[] {
  const slugList = (ids: string[]) => ids.map((id) => slugs.get(id) ?? id).join(' ');
  return [
    voucher.code,
    voucher.kind,
    valueOf(voucher),
    String(voucher.maxUses),
    String(voucher.usesCount),
    voucher.validFrom?.toISOString() ?? '',
    voucher.validUntil?.toISOString() ?? '',
    String(voucher.unlocksHiddenTickets),
    String(voucher.isActive),
    slugList(voucher.ticketTypeIds),
    slugList(voucher.addonIds),
  ];
}

/** The voucher list as CSV (header + one record per voucher, code order); scope as slugs. */
export async function exportVouchersCsv(
  db: Database,
  conference: Conference,
  filters: VoucherFilters,
  now: Date,
): Promise<string> {
  const [list, slugs] = await Promise.all([
    listManagedVouchers(db, conference, filters, now),
    slugsById(db, conference.id),
  ]);
  return [
    csvRow(VOUCHER_CSV_COLUMNS),
    ...list.map((voucher) => csvRow(recordOf(voucher, slugs))),
  ].join('');
}
