import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { money } from '../../domain/money.ts';
import type { ConditionKind, DiscountType, PricingCondition } from '../../domain/pricing/index.ts';
import { isLineHoldingUses } from '../inventory/index.ts';

export interface ConditionRow {
  id: string;
  kind: ConditionKind;
  name: string;
  priority: number;
  created_at: Date | string;
  is_active: boolean;
  discount_type: DiscountType | null;
  percent_off_bp: number | null;
  amount_off: string | number | null;
  max_quantity: number;
  start_time: Date | string | null;
  end_time: Date | string | null;
  usage_limit: number;
  units_used: string | number;
  is_presenter: boolean;
  is_copresenter: boolean;
  apply_to_tickets: boolean;
  apply_to_addons: boolean;
  ticket_type_ids: string[];
  addon_ids: string[];
  group_ids: string[];
  enabling_ids: string[];
}

const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : new Date(value);

function setOf(table: string, column: string) {
  return sql.raw(
    `ARRAY(SELECT x.${column}::text FROM ${table} x WHERE x.condition_id = c.id ORDER BY 1)`,
  );
}

/** Active conditions of a conference with their sets and derived usage (D3.6). */
export function activeConditionsQuery(
  conferenceId: string | SQLWrapper,
  now: Date | SQLWrapper,
): SQL {
  return sql`SELECT c.id, c.kind, c.name, c.priority, c.created_at, c.is_active, c.discount_type, c.percent_off_bp,
        c.amount_off, c.max_quantity, c.start_time, c.end_time, c.usage_limit, c.is_presenter, c.is_copresenter,
        c.apply_to_tickets, c.apply_to_addons,
        CASE WHEN c.usage_limit = 0 THEN 0 ELSE (
          SELECT coalesce(sum(order_lines.condition_units), 0) FROM order_lines
          WHERE order_lines.condition_id = c.id AND ${isLineHoldingUses(now)}) END AS units_used,
        ${setOf('discount_condition_ticket_types', 'ticket_type_id')} AS ticket_type_ids,
        ${setOf('discount_condition_addons', 'addon_id')} AS addon_ids,
        ${setOf('discount_condition_groups', 'group_id')} AS group_ids,
        ${setOf('discount_condition_enabling_ticket_types', 'ticket_type_id')} AS enabling_ids
      FROM discount_conditions c
      WHERE c.conference_id = ${conferenceId} AND c.is_active`;
}

export function conditionOf(row: ConditionRow): PricingCondition {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    priority: row.priority,
    createdAt: new Date(row.created_at),
    isActive: row.is_active,
    discountType: row.discount_type,
    percentOffBp: row.percent_off_bp,
    amountOff: row.amount_off === null ? null : money(Number(row.amount_off)),
    maxQuantity: row.max_quantity,
    startTime: toDate(row.start_time),
    endTime: toDate(row.end_time),
    usageLimit: row.usage_limit,
    unitsUsed: Number(row.units_used),
    isPresenter: row.is_presenter,
    isCopresenter: row.is_copresenter,
    applyToTickets: row.apply_to_tickets,
    applyToAddons: row.apply_to_addons,
    ticketTypeIds: row.ticket_type_ids,
    addonIds: row.addon_ids,
    groupIds: row.group_ids,
    enablingTicketTypeIds: row.enabling_ids,
  };
}
