import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import {
  orderLines,
  orders,
  payments,
  type Conference,
  type Order,
  type OrderLine,
} from '../../db/schema/index.ts';
import { addMinutes } from '../../domain/dates.ts';
import { newOrderReference } from '../../domain/codes.ts';
import type { PriceBreakdown, PricingVoucher } from '../../domain/pricing/index.ts';
import type { CartLine } from '../cart/index.ts';
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
  now: Date;
}

const MAX_REFERENCE_ATTEMPTS = 5;

/** CHK-7 with D1.2 references; a colliding reference is simply drawn again (ON CONFLICT, no poisoned transaction). */
export async function insertOrder(tx: Database, draft: OrderDraft): Promise<Order> {
  const { pricing, voucher, conference } = draft;
  for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt += 1) {
    const [order] = await tx
      .insert(orders)
      .values({
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
        // VOU-8 snapshot of what the voucher was when it was used.
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
        attendeeAnswers: draft.answers,
        createdAt: draft.now,
        updatedAt: draft.now,
      })
      .onConflictDoNothing({ target: orders.reference })
      .returning();
    if (order) return order;
  }
  throw new Error('could not draw a unique order reference');
}

/** CHK-8 / D3.8: one immutable line per priced line; the D2.3 trigger re-checks capacity here. */
export async function insertOrderLines(
  tx: Database,
  order: Order,
  draft: OrderDraft,
): Promise<OrderLine[]> {
  const byItem = new Map(draft.lines.map((l) => [l.itemId, l]));
  const values = draft.pricing.lines.map((priced, index) => {
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
  try {
    return await tx.insert(orderLines).values(values).returning();
  } catch (error) {
    if (isPgError(error, SQLSTATE.capacityExceeded)) throw checkoutErrors('SOLD_OUT');
    throw error;
  }
}

/** D4.5: a zero-total order is settled by a comp payment at checkout. */
export async function insertCompPayment(tx: Database, order: Order, now: Date): Promise<void> {
  await tx.insert(payments).values({
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
