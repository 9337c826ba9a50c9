import { randomUUID } from 'node:crypto';
import { completeRowToJson } from '../../db/json-rows.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { orderLines, orders } from '../../db/schema/index.ts';
import type { ConsumptionKernel, ConsumptionPlan, PlacementOutcome } from '../inventory/index.ts';
import { checkoutErrors } from './errors.ts';
import type { PreparedCheckout } from './prepare-checkout.ts';
import {
  MAX_REFERENCE_ATTEMPTS,
  orderLineValues,
  orderValues,
  type OrderDraft,
} from './write-order.ts';

function placementOf(ctx: PreparedCheckout, draft: OrderDraft, plan: ConsumptionPlan) {
  const order = { ...orderValues(draft), id: randomUUID() };
  const lines = orderLineValues({ id: order.id, conferenceId: order.conferenceId }, draft);
  return {
    plan,
    buyerId: draft.buyerId,
    cart: { id: ctx.cart.id, version: ctx.cart.updatedAt },
    at: draft.now,
    order: completeRowToJson(orders, order),
    lines: lines.map((line) => completeRowToJson(orderLines, { ...line, id: randomUUID() })),
  };
}

/**
 * Hands a pending order to the kernel's batched placement (one statement that locks, counts,
 * checks the plan's bounds, closes the cart and writes the order with its lines). A drawn
 * reference that collides is drawn again; the D2.3 fence's refusal is a sold-out.
 */
export async function placeInOneStatement(
  kernel: ConsumptionKernel,
  ctx: PreparedCheckout,
  draft: OrderDraft,
  plan: ConsumptionPlan,
): Promise<PlacementOutcome> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await kernel.place(placementOf(ctx, draft, plan));
    } catch (error) {
      if (isPgError(error, SQLSTATE.capacityExceeded)) throw checkoutErrors('SOLD_OUT');
      const collided = isPgError(error, SQLSTATE.uniqueViolation, 'reference');
      if (!collided || tries >= MAX_REFERENCE_ATTEMPTS) throw error;
    }
  }
}
