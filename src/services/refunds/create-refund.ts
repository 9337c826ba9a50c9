import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import {
  credits,
  orderLines,
  refundLines,
  refunds,
  type Conference,
  type Order,
  type Refund,
} from '../../db/schema/index.ts';
import { lineRefundAmount, refundableAmount } from '../../domain/order-money.ts';
import { isSameRequest, requestFingerprint } from '../../domain/idempotency.ts';
import { withTx } from '../../db/transactions.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import { recordAudit, type Actor } from '../access/index.ts';
import { commonErrors } from '../common/errors.ts';
import { insertRefund, loadMoneyFacts, lockOrder, orderErrors } from '../orders/index.ts';
import { refundErrors } from './errors.ts';
import { applySucceededRefund, cancelRefundedUnits } from './refund-effects.ts';
import { sendCardRefund } from './send-card-refund.ts';

export interface RefundRequest {
  conference: Conference;
  reference: string;
  /** Minor units; defaults to the value of the cancelled lines. */
  amount?: number | undefined;
  /** Units of order lines to cancel, releasing their stock (D4.6). */
  lines?: ReadonlyArray<{ orderLineId: string; quantity: number }> | undefined;
  destination: 'card' | 'credit';
  reason: string;
  /** D4.6: one key per refund request; the same key returns the same refund. */
  idempotencyKey: string;
  /** Who asks; audited with the refund record, in its transaction (D6.4). */
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

export interface RefundResult {
  refund: Refund;
  order: Order;
  replayed: boolean;
}

async function linesAmount(
  tx: Database,
  order: Order,
  wanted: NonNullable<RefundRequest['lines']>,
): Promise<number> {
  const ids = wanted.map((l) => l.orderLineId);
  const rows = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.orderId, order.id), inArray(orderLines.id, ids)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  let amount = 0;
  for (const want of wanted) {
    const line = byId.get(want.orderLineId);
    if (!line || want.quantity < 1 || want.quantity > line.quantity - line.cancelledQuantity)
      throw refundErrors('REFUND_LINE_INVALID', { orderLineId: want.orderLineId });
    amount += lineRefundAmount(line, line.cancelledQuantity, want.quantity);
  }
  return amount;
}

/** Money still refundable per succeeded card payment, newest first (REF-1, without W-3). */
async function cardPaymentFor(tx: Database, order: Order, amount: number): Promise<string> {
  const rows = await queryRows<{ id: string; left: string }>(
    tx,
    sql`SELECT p.id, p.amount - coalesce((SELECT sum(r.amount) FROM refunds r
          WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0) AS left
        FROM payments p WHERE p.order_id = ${order.id} AND p.method = 'stripe' AND p.status = 'succeeded'
        ORDER BY p.created_at DESC`,
  );
  const payment = rows.find((row) => Number(row.left) >= amount);
  if (!payment) throw refundErrors('REFUND_EXCEEDS_CARD_PAYMENT', { amount });
  return payment.id;
}

/** What a refund's Idempotency-Key stands for: the staff member's request, not when it was sent. */
function refundFingerprint(request: RefundRequest): string {
  const { amount, lines, destination, reason } = request;
  return requestFingerprint({ amount: amount ?? null, lines: lines ?? [], destination, reason });
}

async function findByKey(tx: Database, orderId: string, key: string): Promise<Refund | undefined> {
  const [refund] = await tx
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.idempotencyKey, key)));
  return refund;
}

async function pendingOutflow(tx: Database, orderId: string): Promise<number> {
  const [row] = await queryRows<{ sum: string }>(
    tx,
    sql`SELECT coalesce(sum(amount), 0) AS sum FROM refunds WHERE order_id = ${orderId} AND status = 'pending'`,
  );
  return Number(row?.sum ?? 0);
}

/** The refund recorded under the order lock: lines cancelled, credit issued, status applied. */
async function recordRefund(tx: Database, request: RefundRequest): Promise<RefundResult> {
  const { now } = request;
  const staffId = request.actor.kind === 'user' ? request.actor.userId : null;
  const order = await lockOrder(tx, {
    reference: request.reference,
    conferenceId: request.conference.id,
  });
  if (!order) throw orderErrors('ORDER_NOT_FOUND', { reference: request.reference });
  const fingerprint = refundFingerprint(request);
  const existing = await findByKey(tx, order.id, request.idempotencyKey);
  if (existing && !isSameRequest(existing.idempotencyFingerprint, fingerprint))
    throw commonErrors('IDEMPOTENCY_KEY_REUSED', { refundId: existing.id });
  if (existing) return { refund: existing, order, replayed: true };
  if (order.status !== 'paid' && order.status !== 'partially_refunded')
    throw refundErrors('ORDER_NOT_REFUNDABLE', { status: order.status });
  const wanted = request.lines ?? [];
  // Lines are checked (and valued) even when staff give an amount of their own.
  const linesValue = wanted.length ? await linesAmount(tx, order, wanted) : 0;
  const amount = request.amount ?? linesValue;
  if (amount <= 0 && wanted.length === 0) throw refundErrors('REFUND_EMPTY');
  const { paid, refunded } = await loadMoneyFacts(tx, order.id);
  const left = refundableAmount(paid, refunded + (await pendingOutflow(tx, order.id)));
  if (amount > left) throw refundErrors('REFUND_EXCEEDS_BALANCE', { amount, refundable: left });
  const toCard = request.destination === 'card';
  const paymentId = toCard && amount > 0 ? await cardPaymentFor(tx, order, amount) : null;
  const refund = await insertRefund(tx, {
    orderId: order.id,
    conferenceId: order.conferenceId,
    amount: Math.max(amount, 0),
    destination: request.destination,
    // A credit refund (or cancelling lines for nothing) completes here; a card one waits for Stripe.
    status: toCard && amount > 0 ? 'pending' : 'succeeded',
    reason: request.reason,
    paymentId,
    idempotencyKey: request.idempotencyKey,
    idempotencyFingerprint: fingerprint,
    createdBy: staffId,
    createdAt: now,
    updatedAt: now,
  });
  if (!refund) throw new Error('refund insert returned nothing');
  if (wanted.length) {
    await tx.insert(refundLines).values(
      wanted.map((l) => ({
        refundId: refund.id,
        orderLineId: l.orderLineId,
        conferenceId: order.conferenceId,
        quantity: l.quantity,
      })),
    );
    await cancelRefundedUnits(tx, refund.id, 1);
  }
  if (refund.status !== 'succeeded') return { refund, order, replayed: false };
  if (!toCard && amount > 0) {
    const [credit] = await tx
      .insert(credits)
      .values({
        userId: order.userId,
        conferenceId: order.conferenceId,
        amount,
        currency: order.currency,
        sourceOrderId: order.id,
        sourceRefundId: refund.id,
        note: `Refund for order ${order.reference}${request.reason ? `: ${request.reason}` : ''}`,
        createdBy: staffId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: credits.id });
    await tx
      .update(refunds)
      .set({ creditId: credit?.id ?? null })
      .where(eq(refunds.id, refund.id));
  }
  return { refund, order: await applySucceededRefund(tx, order, refund, now), replayed: false };
}

/**
 * D4.6 / REF: one refund, to the card or to store credit (never both). The order is locked, the
 * refund recorded, the lines cancelled and the staff action audited in one transaction (D6.4); a
 * card refund is then sent to Stripe after commit (D4.3) with the refund's id as idempotency
 * key. The audit entry shows the refund as recorded: a card refund is `pending` there, and its
 * outcome is on the refund itself.
 */
export async function createRefund(
  db: Database,
  gateways: PaymentGateways,
  request: RefundRequest,
): Promise<RefundResult> {
  const { now } = request;
  const recorded = await withTx(db, async (tx) => {
    const result = await recordRefund(tx, request);
    if (result.replayed) return result;
    const { refund, order } = result;
    await recordAudit(tx, {
      conferenceId: order.conferenceId,
      actor: request.actor,
      action: 'refund.create',
      entityType: 'order',
      entityId: order.reference,
      details: {
        refundId: refund.id,
        amount: refund.amount,
        destination: refund.destination,
        status: refund.status,
      },
      ip: request.ip,
      now,
    });
    return result;
  });
  if (recorded.refund.status !== 'pending' || recorded.refund.destination !== 'card')
    return recorded;
  const sent = await sendCardRefund(db, gateways, recorded.refund.id, now);
  return { ...recorded, ...sent };
}

/** The newest refunds of an order, for its detail view. */
export function listOrderRefunds(db: Database, orderId: string): Promise<Refund[]> {
  return db
    .select()
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .orderBy(desc(refunds.createdAt));
}
