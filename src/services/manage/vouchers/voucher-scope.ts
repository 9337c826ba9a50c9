import { inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { voucherAddons, voucherTicketTypes } from '../../../db/schema/index.ts';
import { insertLinks } from '../common/links.ts';
import { assertReferencesExist } from '../common/references.ts';

export interface VoucherScopeInput {
  ticketTypeIds?: string[] | undefined;
  addonIds?: string[] | undefined;
}

/**
 * Sets the scope of one or more vouchers of one conference: each given list replaces that set
 * for every voucher (VOU-9 gives a whole batch the same scope); an absent list is left alone.
 * Referenced products must belong to the conference (422 otherwise).
 */
export async function replaceVoucherScope(
  db: Database,
  conferenceId: string,
  voucherIds: readonly string[],
  scope: VoucherScopeInput,
): Promise<void> {
  const ticketTypeIds = scope.ticketTypeIds && [...new Set(scope.ticketTypeIds)];
  const addonIds = scope.addonIds && [...new Set(scope.addonIds)];
  await assertReferencesExist(db, conferenceId, [
    { field: 'ticketTypeIds', kind: 'ticket_type', ids: ticketTypeIds },
    { field: 'addonIds', kind: 'addon', ids: addonIds },
  ]);
  const ids = [...voucherIds];
  if (ticketTypeIds) {
    await db.delete(voucherTicketTypes).where(inArray(voucherTicketTypes.voucherId, ids));
    const rows = ids.flatMap((voucherId) =>
      ticketTypeIds.map((ticketTypeId) => ({ voucherId, ticketTypeId, conferenceId })),
    );
    await insertLinks(db, voucherTicketTypes, rows);
  }
  if (addonIds) {
    await db.delete(voucherAddons).where(inArray(voucherAddons.voucherId, ids));
    const rows = ids.flatMap((voucherId) =>
      addonIds.map((addonId) => ({ voucherId, addonId, conferenceId })),
    );
    await insertLinks(db, voucherAddons, rows);
  }
}
