import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import {
  addons,
  conferences,
  discountConditions,
  orderLines,
  ticketTypes,
  vouchers,
  type Order,
} from '../../db/schema/index.ts';
import { addMinutes } from '../../domain/dates.ts';
import { isUnitLimited } from '../../domain/pricing/index.ts';
import { revivalRefusal, revivalUsage, type LapsedOrder } from '../../domain/revival-rules.ts';
import type { BoundedLine } from '../../domain/stock-rules.ts';
import { planConsumption, takeInTransaction } from '../inventory/index.ts';
import { transitionOrder } from '../orders/index.ts';

export type Revival = { kind: 'revived'; order: Order } | { kind: 'refused'; why: string };

/** What the lapsed order took: its lines with their products' limits, its voucher, its discounts. */
async function loadLapsedOrder(tx: Database, order: Order): Promise<LapsedOrder> {
  const rows = await tx
    .select({
      quantity: orderLines.quantity,
      cancelledQuantity: orderLines.cancelledQuantity,
      conditionUnits: orderLines.conditionUnits,
      ticket: {
        id: ticketTypes.id,
        totalQuantity: ticketTypes.totalQuantity,
        limitPerUser: ticketTypes.limitPerUser,
      },
      addon: { id: addons.id, totalQuantity: addons.totalQuantity },
      condition: {
        id: discountConditions.id,
        kind: discountConditions.kind,
        usageLimit: discountConditions.usageLimit,
      },
    })
    .from(orderLines)
    .leftJoin(ticketTypes, eq(ticketTypes.id, orderLines.ticketTypeId))
    .leftJoin(addons, eq(addons.id, orderLines.addonId))
    .leftJoin(discountConditions, eq(discountConditions.id, orderLines.conditionId))
    .where(eq(orderLines.orderId, order.id));
  const lines: BoundedLine[] = [];
  for (const row of rows) {
    const quantity = row.quantity - row.cancelledQuantity;
    if (quantity <= 0) continue;
    if (row.ticket) lines.push({ kind: 'ticket', product: row.ticket, quantity });
    else if (row.addon) lines.push({ kind: 'addon', product: row.addon, quantity });
  }
  const [voucher] = order.voucherId
    ? await tx
        .select({ id: vouchers.id, maxUses: vouchers.maxUses })
        .from(vouchers)
        .where(eq(vouchers.id, order.voucherId))
    : [];
  return {
    lines,
    voucher: voucher ?? null,
    discountedUnits: rows.flatMap((row) =>
      row.condition ? [{ condition: row.condition, units: row.conditionUnits }] : [],
    ),
  };
}

/**
 * D2.6: money arrived for an order whose hold lapsed (never one the buyer cancelled, D4.10:
 * `settleAfterPayment` decides that). It comes back to a live hold only when
 * what it took is there to take again (D2.2: locked, then counted without it): stock, venue,
 * the buyer's per-user limit, a use of its voucher and its discounted units. The D2.3 fence
 * stays the last word on stock; its refusal ends in a savepoint, so the surrounding
 * transaction (and the payment row) lives on either way.
 */
export async function reviveOrder(tx: Database, order: Order, now: Date): Promise<Revival> {
  const lapsed = await loadLapsedOrder(tx, order);
  const [conference] = await tx
    .select({
      id: conferences.id,
      holdMinutes: conferences.holdMinutes,
      totalCapacity: conferences.totalCapacity,
    })
    .from(conferences)
    .where(eq(conferences.id, order.conferenceId));
  if (!conference) throw new Error(`conference of order ${order.reference} not found`);
  const limitedConditions = lapsed.discountedUnits.map((d) => d.condition).filter(isUnitLimited);
  const plan = planConsumption({
    conference,
    buyerId: order.userId,
    lines: lapsed.lines,
    voucherId: lapsed.voucher?.id ?? null,
    limitedConditionIds: limitedConditions.map((c) => c.id),
    usage: revivalUsage(lapsed),
    spendsCredit: false,
    excludeOrderId: order.id,
  });
  const { broken } = await takeInTransaction(tx, plan, now);
  if (broken) return { kind: 'refused', why: revivalRefusal(broken.count) };
  try {
    const revived = await tx.transaction((savepoint) =>
      transitionOrder(savepoint, order.id, {
        from: [order.status],
        to: 'pending',
        set: {
          holdExpiresAt: addMinutes(now, conference.holdMinutes),
          cancelledAt: null,
          cancelReason: null,
        },
        now,
      }),
    );
    if (!revived) throw new Error(`order ${order.reference} vanished while it was revived`);
    return { kind: 'revived', order: revived };
  } catch (error) {
    if (isPgError(error, SQLSTATE.capacityExceeded))
      return { kind: 'refused', why: revivalRefusal('ticketSold') };
    throw error;
  }
}
