import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import {
  orderLines,
  orders,
  type Conference,
  type Order,
  type OrderLine,
} from '../../db/schema/index.ts';
import { addMinutes } from '../../domain/dates.ts';
import { newOrderReference } from '../../domain/codes.ts';
import type { PriceBreakdown, PricingVoucher } from '../../domain/pricing/index.ts';
import type { CartLine } from '../cart/index.ts';
import { insertPayment } from '../orders/index.ts';
import { checkoutErrors } from './errors.ts';

export interface Billing {
  name: string;
  email: string;
  company: string;
}

export interface OrderDraft {
  conference: Conference;
  buyerId: string;
  billing: Billing;
  pricing: PriceBreakdown;
  voucher: PricingVoucher | null;
  lines: readonly CartLine[];
  answers: Record<string, unknown>;
  idempotencyKey: string | null;
  idempotencyFingerprint: string | null;
  now: Date;
}

export const MAX_REFERENCE_ATTEMPTS = 5;

type NewOrder = typeof orders.$inferInsert;
type NewOrderLine = typeof orderLines.$inferInsert;

/** CHK-7: the pending order row with its hold (D2.5) and the voucher as it was used (VOU-8). */
export function orderValues(draft: OrderDraft): NewOrder {
  const { pricing, voucher, conference } = draft;
  return {
    conferenceId: conference.id,
    userId: draft.buyerId,
    status: 'pending',
    reference: newOrderReference(),
    currency: conference.currency,
    subtotal: pricing.subtotal,
    discountAmount: pricing.discount,
    total: pricing.total,
    voucherId: voucher?.id ?? null,
    voucherCode: voucher?.code ?? '',
    voucherDetails: voucher
      ? {
          code: voucher.code,
          kind: voucher.kind,
          percentOffBp: voucher.percentOffBp,
          amountOff: voucher.amountOff,
          unlocksHiddenTickets: voucher.unlocksHiddenTickets,
        }
      : null,
    billingName: draft.billing.name,
    billingEmail: draft.billing.email,
    billingCompany: draft.billing.company,
    holdExpiresAt: addMinutes(draft.now, conference.holdMinutes),
    idempotencyKey: draft.idempotencyKey,
    idempotencyFingerprint: draft.idempotencyFingerprint,
    attendeeAnswers: draft.answers,
    createdAt: draft.now,
    updatedAt: draft.now,
  };
}

/** CHK-8 / D3.8: one immutable line per priced line, in pricing order. */
export function orderLineValues(
  order: { id: string; conferenceId: string },
  draft: OrderDraft,
): NewOrderLine[] {
  const byItem = new Map(draft.lines.map((l) => [l.itemId, l]));
  return draft.pricing.lines.map((priced, index) => {
    const line = byItem.get(priced.lineId);
    if (!line) throw checkoutErrors('CART_CHANGED');
    return {
      orderId: order.id,
      conferenceId: order.conferenceId,
      productKind: line.kind,
      ticketTypeId: line.kind === 'ticket' ? line.product.id : null,
      addonId: line.kind === 'addon' ? line.product.id : null,
      description: line.product.name,
      quantity: priced.quantity,
      unitPrice: priced.unitPrice,
      conditionDiscount: priced.conditionDiscount,
      conditionId: priced.conditionId,
      conditionName: priced.conditionName ?? '',
      conditionUnits: priced.conditionUnits,
      voucherDiscount: priced.voucherDiscount,
      lineTotal: priced.total,
      sortOrder: index,
      createdAt: draft.now,
    };
  });
}

/** D1.2 references; a colliding reference is simply drawn again (ON CONFLICT, no poisoned transaction). */
export async function insertOrder(tx: Database, draft: OrderDraft): Promise<Order> {
  for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt += 1) {
    const [order] = await tx
      .insert(orders)
      .values(orderValues(draft))
      .onConflictDoNothing({ target: orders.reference })
      .returning();
    if (order) return order;
  }
  throw new Error('could not draw a unique order reference');
}

/** The D2.3 trigger re-checks capacity when these lines are written. */
export async function insertOrderLines(
  tx: Database,
  order: Order,
  draft: OrderDraft,
): Promise<OrderLine[]> {
  try {
    return await tx.insert(orderLines).values(orderLineValues(order, draft)).returning();
  } catch (error) {
    if (isPgError(error, SQLSTATE.capacityExceeded)) throw checkoutErrors('SOLD_OUT');
    throw error;
  }
}

/** D4.5: a zero-total order is settled by a comp payment at checkout. */
export async function insertCompPayment(tx: Database, order: Order, now: Date): Promise<void> {
  await insertPayment(tx, {
    orderId: order.id,
    conferenceId: order.conferenceId,
    method: 'comp',
    status: 'succeeded',
    amount: 0,
    currency: order.currency,
    createdAt: now,
    updatedAt: now,
  });
}
