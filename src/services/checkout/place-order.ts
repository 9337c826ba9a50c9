import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { carts, orders, type Conference, type Order } from '../../db/schema/index.ts';
import { lockForConsumption } from '../../db/locks.ts';
import { withTx } from '../../db/transactions.ts';
import { isVoucherUsable, priceCart, type PriceBreakdown } from '../../domain/pricing/index.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { isConferenceOnSale } from '../../domain/sale-state.ts';
import {
  assertCartOpen,
  cartErrors,
  findOpenCart,
  loadCartLines,
  loadCartVoucher,
  stockViolationError,
  type CartLine,
} from '../cart/index.ts';
import { applyCreditsToOrder } from '../credits/index.ts';
import { getBuyerOrderOrThrow, markOrderPaid, type OrderDetail } from '../orders/index.ts';
import { loadActiveConditions, loadBuyerFacts } from '../pricing/index.ts';
import { validateAnswers, type AnswerValue } from './answers.ts';
import { consumptionKeys } from './consumption-keys.ts';
import { checkoutErrors } from './errors.ts';
import { recountUnderLock } from './recount.ts';
import { checkoutTestHooks } from './test-hooks.ts';
import { runInLocalQueue } from './local-queue.ts';
import { insertCompPayment, insertOrder, insertOrderLines, type Billing } from './write-order.ts';

export interface PlaceOrderInput {
  buyerId: string;
  conference: Conference;
  billing: Billing;
  /** D3.7: the total the buyer saw; a different price is refused, not charged. */
  expectedTotal?: number | undefined;
  /** D4.2: the same key returns the same order. */
  idempotencyKey?: string | undefined;
  answers?: Readonly<Record<string, AnswerValue>> | undefined;
  /** Pay what store credit covers (CRED-4). */
  useCredit?: boolean | undefined;
  now: Date;
}

export interface PlaceOrderResult {
  order: Order;
  /** True when the idempotency key had already produced this order. */
  replayed: boolean;
  /** What the buyer sees next; built from the rows just written when nothing else touched them. */
  detail: OrderDetail;
}

async function findByIdempotencyKey(
  db: Database,
  input: PlaceOrderInput,
): Promise<Order | undefined> {
  if (!input.idempotencyKey) return undefined;
  const [order] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.userId, input.buyerId),
        eq(orders.conferenceId, input.conference.id),
        eq(orders.idempotencyKey, input.idempotencyKey),
      ),
    )
    .limit(1);
  return order;
}

function pricingMismatch(pricing: PriceBreakdown, expectedTotal: number | undefined): boolean {
  return expectedTotal !== undefined && expectedTotal !== pricing.total;
}

/**
 * CHK-2 reordered per D2/D3 and STYLE §4: cheap checks and loading outside the transaction; then
 * close the cart (guarded by the version we priced), lock every consumed resource, recount, check,
 * re-price, write order, lines and holds; zero totals complete at once (D4.5).
 */
export async function placeOrder(db: Database, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const replay = await findByIdempotencyKey(db, input);
  if (replay) return replayOf(db, input, replay);
  if (!isConferenceOnSale(input.conference, input.now)) throw cartErrors('CONFERENCE_CLOSED');
  const cart = await findOpenCart(db, input.buyerId, input.conference.id);
  if (!cart) throw cartErrors('CART_EMPTY');
  assertCartOpen(cart, input.now);
  const lines = await loadCartLines(db, cart.id);
  if (lines.length === 0) throw cartErrors('CART_EMPTY');
  const answers = await validateAnswers(db, input.conference.id, input.answers ?? {});
  const [voucher, conditions, buyer] = await Promise.all([
    loadCartVoucher(db, cart, input.now),
    loadActiveConditions(db, input.conference.id, input.now),
    loadBuyerFacts(db, input.buyerId, input.conference.id),
  ]);
  const limited = conditions.filter((c) => c.usageLimit > 0);
  const keys = consumptionKeys(
    input.conference,
    input.buyerId,
    lines,
    voucher,
    limited,
    input.useCredit ?? false,
  );

  try {
    const queueKeys = keys
      .filter((k) => k.kind === 'ticket_type' || k.kind === 'addon' || k.kind === 'conference')
      .map((k) => `${k.kind}:${k.id}`);
    const placed = await runInLocalQueue(queueKeys, () =>
      withTx(db, async (tx) => {
        const closed = await tx
          .update(carts)
          .set({ status: 'checked_out', updatedAt: input.now })
          .where(
            and(
              eq(carts.id, cart.id),
              eq(carts.status, 'open'),
              eq(carts.updatedAt, cart.updatedAt),
            ),
          )
          .returning({ id: carts.id });
        if (closed.length === 0) throw checkoutErrors('CART_CHANGED');

        await lockForConsumption(tx, keys);
        const fresh = await recountUnderLock(
          tx,
          input.conference,
          input.buyerId,
          lines,
          voucher,
          conditions,
          input.now,
        );
        assertCheckoutAllowed(lines, fresh);
        await checkoutTestHooks.afterRecount?.();
        const pricing = priceCart({
          lines: toPricingLines(lines),
          conditions: fresh.conditions,
          voucher: fresh.voucher,
          buyer,
          now: input.now,
        });
        if (pricingMismatch(pricing, input.expectedTotal)) {
          throw checkoutErrors('PRICE_CHANGED', {
            expectedTotal: input.expectedTotal,
            total: pricing.total,
            pricing,
          });
        }
        const draft = {
          conference: input.conference,
          buyerId: input.buyerId,
          billing: input.billing,
          pricing,
          voucher: fresh.voucher,
          lines,
          answers,
          idempotencyKey: input.idempotencyKey ?? null,
          now: input.now,
        };
        const order = await insertOrder(tx, draft);
        const written = await insertOrderLines(tx, order, draft);
        if (order.total === 0) {
          await insertCompPayment(tx, order, input.now);
          const paid = await markOrderPaid(tx, order.id, input.now);
          return { order: paid.transitioned ? paid.order : order, lines: null };
        }
        if (input.useCredit)
          return { order: (await applyCreditsToOrder(tx, order, input.now)).order, lines: null };
        return { order, lines: written };
      }),
    );
    // A plain pending order has no payments or attendee yet: no need to read back what was just written.
    const detail = placed.lines
      ? { order: placed.order, lines: placed.lines, payments: [], accessCode: null }
      : await getBuyerOrderOrThrow(db, input.buyerId, input.conference.id, placed.order.reference);
    return { order: placed.order, replayed: false, detail };
  } catch (error) {
    // A double click: the first request closed the cart and made the order; answer with it.
    const replayAfterRace = await findByIdempotencyKey(db, input);
    if (replayAfterRace) return replayOf(db, input, replayAfterRace);
    throw error;
  }
}

async function replayOf(
  db: Database,
  input: PlaceOrderInput,
  order: Order,
): Promise<PlaceOrderResult> {
  const detail = await getBuyerOrderOrThrow(
    db,
    input.buyerId,
    input.conference.id,
    order.reference,
  );
  return { order, replayed: true, detail };
}

function assertCheckoutAllowed(
  lines: readonly CartLine[],
  fresh: Awaited<ReturnType<typeof recountUnderLock>>,
): void {
  const violation = findStockViolation(lines, fresh.facts);
  if (violation) throw stockViolationError(violation);
  if (fresh.voucher) {
    const usable = isVoucherUsable(fresh.voucher, fresh.facts.now);
    if (!usable.ok)
      throw cartErrors(
        'VOUCHER_INVALID',
        { code: fresh.voucher.code, reason: usable.reasonCode },
        `The voucher ${fresh.voucher.code} can no longer be used.`,
      );
  }
}

function toPricingLines(lines: readonly CartLine[]) {
  return lines.map((l) => ({
    lineId: l.itemId,
    kind: l.kind,
    productId: l.product.id,
    description: l.product.name,
    unitPrice: l.unitPrice,
    quantity: l.quantity,
  }));
}
