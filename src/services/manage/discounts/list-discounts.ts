import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import {
  discountConditionAddons,
  discountConditionEnablingTicketTypes,
  discountConditionGroups,
  discountConditions,
  discountConditionTicketTypes,
  type Conference,
  type DiscountCondition,
} from '../../../db/schema/index.ts';
import {
  orderConditions,
  type ConditionKind,
  type DiscountType,
} from '../../../domain/pricing/index.ts';
import { countConditionUnits } from '../../inventory/index.ts';
import { groupLinks } from '../common/links.ts';
import { bpToPercent } from '../common/percent.ts';
import { manageErrors } from '../errors.ts';
import type { KindField } from './discount-fields.ts';
import { kindHasField } from './kind-fields.ts';

/** The organiser's view; a field the kind does not have reads as null (kind-fields.ts). */
export interface ManagedDiscount {
  id: string;
  kind: ConditionKind;
  name: string;
  description: string;
  isActive: boolean;
  priority: number;
  discountType: DiscountType | null;
  percentOff: number | null;
  amountOff: number | null;
  maxQuantity: number | null;
  startTime: Date | null;
  endTime: Date | null;
  usageLimit: number | null;
  /** Units discounted by orders that still hold them (D3.6), derived from order lines. */
  unitsUsed: number;
  isPresenter: boolean | null;
  isCopresenter: boolean | null;
  applyToTickets: boolean | null;
  applyToAddons: boolean | null;
  ticketTypeIds: string[] | null;
  addonIds: string[] | null;
  groupIds: string[] | null;
  enablingTicketTypeIds: string[] | null;
  createdAt: Date;
  updatedAt: Date;
}

type LinkSets = Record<
  'ticketTypeIds' | 'addonIds' | 'groupIds' | 'enablingTicketTypeIds',
  Map<string, string[]>
>;

async function loadLinkSets(db: Database, ids: string[]): Promise<LinkSets> {
  const t = discountConditionTicketTypes;
  const a = discountConditionAddons;
  const g = discountConditionGroups;
  const e = discountConditionEnablingTicketTypes;
  const [tickets, addonLinks, groupLinksRows, enabling] = await Promise.all([
    db.select().from(t).where(inArray(t.conditionId, ids)),
    db.select().from(a).where(inArray(a.conditionId, ids)),
    db.select().from(g).where(inArray(g.conditionId, ids)),
    db.select().from(e).where(inArray(e.conditionId, ids)),
  ]);
  return {
    ticketTypeIds: groupLinks(
      tickets,
      (l) => l.conditionId,
      (l) => l.ticketTypeId,
    ),
    addonIds: groupLinks(
      addonLinks,
      (l) => l.conditionId,
      (l) => l.addonId,
    ),
    groupIds: groupLinks(
      groupLinksRows,
      (l) => l.conditionId,
      (l) => l.groupId,
    ),
    enablingTicketTypeIds: groupLinks(
      enabling,
      (l) => l.conditionId,
      (l) => l.ticketTypeId,
    ),
  };
}

function toView(row: DiscountCondition, links: LinkSets, unitsUsed: number): ManagedDiscount {
  const has = (field: KindField) => kindHasField(row.kind, field);
  const only = <T>(field: KindField, value: T): T | null => (has(field) ? value : null);
  const set = (field: keyof LinkSets) => only(field, links[field].get(row.id) ?? []);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    isActive: row.isActive,
    priority: row.priority,
    discountType: only('discountType', row.discountType),
    percentOff: only('percentOff', bpToPercent(row.percentOffBp)),
    amountOff: only('amountOff', row.amountOff),
    maxQuantity: only('maxQuantity', row.maxQuantity),
    startTime: only('startTime', row.startTime),
    endTime: only('endTime', row.endTime),
    usageLimit: only('usageLimit', row.usageLimit),
    unitsUsed,
    isPresenter: only('isPresenter', row.isPresenter),
    isCopresenter: only('isCopresenter', row.isCopresenter),
    applyToTickets: only('applyToTickets', row.applyToTickets),
    applyToAddons: only('applyToAddons', row.applyToAddons),
    ticketTypeIds: set('ticketTypeIds'),
    addonIds: set('addonIds'),
    groupIds: set('groupIds'),
    enablingTicketTypeIds: set('enablingTicketTypeIds'),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function discountViews(db: Database, rows: DiscountCondition[], now: Date) {
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [links, units] = await Promise.all([
    loadLinkSets(db, ids),
    countConditionUnits(db, ids, now),
  ]);
  return rows.map((row) => toView(row, links, units.get(row.id) ?? 0));
}

/** In evaluation order (D3.3: priority, then creation), the order the pricing engine uses. */
export async function listManagedDiscounts(
  db: Database,
  conference: Conference,
  now: Date,
): Promise<ManagedDiscount[]> {
  const rows = await db
    .select()
    .from(discountConditions)
    .where(eq(discountConditions.conferenceId, conference.id));
  return discountViews(db, orderConditions(rows), now);
}

export async function getDiscountRowOrThrow(
  db: Database,
  conferenceId: string,
  id: string,
): Promise<DiscountCondition> {
  const [row] = await db
    .select()
    .from(discountConditions)
    .where(and(eq(discountConditions.conferenceId, conferenceId), eq(discountConditions.id, id)))
    .limit(1);
  if (!row) throw manageErrors('DISCOUNT_NOT_FOUND', { id });
  return row;
}

export async function getManagedDiscount(
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedDiscount> {
  const row = await getDiscountRowOrThrow(db, conference.id, id);
  const [view] = await discountViews(db, [row], now);
  if (!view) throw manageErrors('DISCOUNT_NOT_FOUND', { id });
  return view;
}
