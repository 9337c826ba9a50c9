import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { aliased, fromOf, jsonArray, jsonObject, type JsonShape } from '../../db/json-shapes.ts';
import {
  discountConditionAddons,
  discountConditionEnablingTicketTypes,
  discountConditionGroups,
  discountConditions,
  discountConditionTicketTypes,
  orderLines,
} from '../../db/schema/index.ts';
import { money } from '../../domain/money.ts';
import type { PricingCondition } from '../../domain/pricing/index.ts';
import { isLineHoldingUses } from '../inventory/index.ts';

const c = aliased(discountConditions, 'c');

/** The ids a condition lists in one of its link tables, as a sorted text array. */
function setOf<T extends PgTable & { conditionId: PgColumn }>(
  table: T,
  column: PgColumn,
): SQL<string[]> {
  return sql<string[]>`ARRAY(SELECT ${column}::text FROM ${fromOf(table)}
    WHERE ${table.conditionId} = ${c.id} ORDER BY 1)`;
}

/** An active condition with its sets and derived usage (D3.6), as JSON; `now` dates usage. */
function conditionJson(now: SQLWrapper) {
  return jsonObject({
    id: c.id,
    kind: c.kind,
    name: c.name,
    priority: c.priority,
    createdAt: c.createdAt,
    isActive: c.isActive,
    discountType: c.discountType,
    percentOffBp: c.percentOffBp,
    amountOff: c.amountOff,
    maxQuantity: c.maxQuantity,
    startTime: c.startTime,
    endTime: c.endTime,
    usageLimit: c.usageLimit,
    isPresenter: c.isPresenter,
    isCopresenter: c.isCopresenter,
    applyToTickets: c.applyToTickets,
    applyToAddons: c.applyToAddons,
    // bigint sums arrive as JSON numbers
    unitsUsed: sql<number>`CASE WHEN ${c.usageLimit} = 0 THEN 0 ELSE (
      SELECT coalesce(sum(${orderLines.conditionUnits}), 0) FROM ${orderLines}
      WHERE ${orderLines.conditionId} = ${c.id} AND ${isLineHoldingUses(now)}) END`,
    ticketTypeIds: setOf(discountConditionTicketTypes, discountConditionTicketTypes.ticketTypeId),
    addonIds: setOf(discountConditionAddons, discountConditionAddons.addonId),
    groupIds: setOf(discountConditionGroups, discountConditionGroups.groupId),
    enablingTicketTypeIds: setOf(
      discountConditionEnablingTicketTypes,
      discountConditionEnablingTicketTypes.ticketTypeId,
    ),
  });
}

/** Active conditions of a conference as one JSON array (values or slots, see defineRead). */
export function activeConditionsSql(conferenceId: SQLWrapper, now: SQLWrapper): SQL {
  return sql`SELECT ${jsonArray(conditionJson(now))} FROM ${fromOf(c)}
    WHERE ${c.conferenceId} = ${conferenceId} AND ${c.isActive}`;
}

/** How the array `activeConditionsSql` yields decodes: the fields, whatever `now` was. */
export const activeConditionsJson: JsonShape<PricingCondition[]> = (() => {
  const array = jsonArray(conditionJson(sql`NULL`));
  return {
    getSQL: () => array.getSQL(),
    decode: (value) =>
      array.decode(value).map((row): PricingCondition => ({
        ...row,
        amountOff: row.amountOff === null ? null : money(row.amountOff),
        unitsUsed: Number(row.unitsUsed),
      })),
  };
})();
