import type { Database } from '../../../db/client.ts';
import {
  discountConditionAddons,
  discountConditionEnablingTicketTypes,
  discountConditionGroups,
  discountConditionTicketTypes,
} from '../../../db/schema/index.ts';
import { replaceLinks } from '../common/links.ts';
import { assertReferencesExist } from '../common/references.ts';
import type { DiscountPatch } from './discount-fields.ts';

const distinct = (ids: string[] | undefined) => ids && [...new Set(ids)];

/**
 * Writes the given id sets of one condition (an absent set is left alone, a given one replaces
 * the stored set). Every id must name a product or group of the same conference (422).
 */
export async function replaceDiscountLinks(
  db: Database,
  conferenceId: string,
  conditionId: string,
  input: DiscountPatch,
): Promise<void> {
  const ticketTypeIds = distinct(input.ticketTypeIds);
  const addonIds = distinct(input.addonIds);
  const groupIds = distinct(input.groupIds);
  const enablingIds = distinct(input.enablingTicketTypeIds);
  await assertReferencesExist(db, conferenceId, [
    { field: 'ticketTypeIds', kind: 'ticket_type', ids: ticketTypeIds },
    { field: 'addonIds', kind: 'addon', ids: addonIds },
    { field: 'groupIds', kind: 'group', ids: groupIds },
    { field: 'enablingTicketTypeIds', kind: 'ticket_type', ids: enablingIds },
  ]);
  const base = { conditionId, conferenceId };
  const t = discountConditionTicketTypes;
  const a = discountConditionAddons;
  const g = discountConditionGroups;
  const e = discountConditionEnablingTicketTypes;
  if (ticketTypeIds) {
    const rows = ticketTypeIds.map((ticketTypeId) => ({ ...base, ticketTypeId }));
    await replaceLinks(db, t, t.conditionId, conditionId, rows);
  }
  if (addonIds) {
    await replaceLinks(
      db,
      a,
      a.conditionId,
      conditionId,
      addonIds.map((addonId) => ({ ...base, addonId })),
    );
  }
  if (groupIds) {
    await replaceLinks(
      db,
      g,
      g.conditionId,
      conditionId,
      groupIds.map((groupId) => ({ ...base, groupId })),
    );
  }
  if (enablingIds) {
    const rows = enablingIds.map((ticketTypeId) => ({ ...base, ticketTypeId }));
    await replaceLinks(db, e, e.conditionId, conditionId, rows);
  }
}
