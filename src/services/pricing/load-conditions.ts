import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  discountConditionAddons,
  discountConditionEnablingTicketTypes,
  discountConditionGroups,
  discountConditions,
  discountConditionTicketTypes,
} from '../../db/schema/index.ts';
import { money } from '../../domain/money.ts';
import type { PricingCondition } from '../../domain/pricing/index.ts';
import { countConditionUnits } from '../inventory/index.ts';

function groupBy<T>(
  rows: readonly T[],
  key: (row: T) => string,
  value: (row: T) => string,
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), value(row)]);
  return map;
}

/** Active conditions of a conference with their sets and derived usage, ready for priceCart. */
export async function loadActiveConditions(
  db: Database,
  conferenceId: string,
  now: Date,
): Promise<PricingCondition[]> {
  const rows = await db
    .select()
    .from(discountConditions)
    .where(
      and(eq(discountConditions.conferenceId, conferenceId), eq(discountConditions.isActive, true)),
    );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tickets, addonRows, groupRows, enabling, used] = await Promise.all([
    db
      .select()
      .from(discountConditionTicketTypes)
      .where(inArray(discountConditionTicketTypes.conditionId, ids)),
    db
      .select()
      .from(discountConditionAddons)
      .where(inArray(discountConditionAddons.conditionId, ids)),
    db
      .select()
      .from(discountConditionGroups)
      .where(inArray(discountConditionGroups.conditionId, ids)),
    db
      .select()
      .from(discountConditionEnablingTicketTypes)
      .where(inArray(discountConditionEnablingTicketTypes.conditionId, ids)),
    countConditionUnits(db, ids, now),
  ]);
  const ticketSets = groupBy(
    tickets,
    (r) => r.conditionId,
    (r) => r.ticketTypeId,
  );
  const addonSets = groupBy(
    addonRows,
    (r) => r.conditionId,
    (r) => r.addonId,
  );
  const groupSets = groupBy(
    groupRows,
    (r) => r.conditionId,
    (r) => r.groupId,
  );
  const enablingSets = groupBy(
    enabling,
    (r) => r.conditionId,
    (r) => r.ticketTypeId,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    priority: row.priority,
    createdAt: row.createdAt,
    isActive: row.isActive,
    discountType: row.discountType,
    percentOffBp: row.percentOffBp,
    amountOff: row.amountOff === null ? null : money(row.amountOff),
    maxQuantity: row.maxQuantity,
    startTime: row.startTime,
    endTime: row.endTime,
    usageLimit: row.usageLimit,
    unitsUsed: used.get(row.id) ?? 0,
    isPresenter: row.isPresenter,
    isCopresenter: row.isCopresenter,
    applyToTickets: row.applyToTickets,
    applyToAddons: row.applyToAddons,
    ticketTypeIds: ticketSets.get(row.id) ?? [],
    addonIds: addonSets.get(row.id) ?? [],
    groupIds: groupSets.get(row.id) ?? [],
    enablingTicketTypeIds: enablingSets.get(row.id) ?? [],
  }));
}
