import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  attendees,
  conferences,
  orders,
  refunds,
  users,
  type Order,
  type Payment,
  type Refund,
} from '../../db/schema/index.ts';
import { emailErrors } from './errors.ts';

/** What every email about an order shows: whose, which conference, which order. */
export interface OrderEmailHeader {
  conference: { name: string; slug: string };
  buyer: { email: string; name: string };
  order: Pick<
    Order,
    | 'id'
    | 'reference'
    | 'status'
    | 'currency'
    | 'subtotal'
    | 'discountAmount'
    | 'total'
    | 'voucherCode'
    | 'billingName'
    | 'billingEmail'
    | 'billingCompany'
  >;
}

export interface EmailOrderLine {
  description: string;
  quantity: number;
  unitPrice: number;
  conditionName: string;
  conditionDiscount: number;
  voucherDiscount: number;
  lineTotal: number;
}

export interface EmailPayment {
  method: Payment['method'];
  amount: number;
}

export interface OrderConfirmationView extends OrderEmailHeader {
  lines: EmailOrderLine[];
  payments: EmailPayment[];
  /** The buyer's admission code in this conference, while it is active. */
  accessCode: string | null;
}

export interface RefundNoticeView extends OrderEmailHeader {
  refund: Pick<Refund, 'id' | 'amount' | 'destination' | 'status' | 'reason'>;
  cancelledLines: Array<{ description: string; quantity: number }>;
}

const headerColumns = {
  conference: { name: conferences.name, slug: conferences.slug },
  buyerEmail: users.email,
  buyerName: sql<string>`trim(${users.firstName} || ' ' || ${users.lastName})`,
  order: {
    id: orders.id,
    reference: orders.reference,
    status: orders.status,
    currency: orders.currency,
    subtotal: orders.subtotal,
    discountAmount: orders.discountAmount,
    total: orders.total,
    voucherCode: orders.voucherCode,
    billingName: orders.billingName,
    billingEmail: orders.billingEmail,
    billingCompany: orders.billingCompany,
  },
};

function toHeader<T extends { buyerEmail: string; buyerName: string }>(
  row: T,
): Omit<T, 'buyerEmail' | 'buyerName'> & { buyer: OrderEmailHeader['buyer'] } {
  const { buyerEmail, buyerName, ...rest } = row;
  return { ...rest, buyer: { email: buyerEmail, name: buyerName } };
}

// Lines and payments come back as JSON arrays from correlated subqueries: one round trip per email.
const linesOfOrder = sql<EmailOrderLine[]>`(
  SELECT coalesce(json_agg(json_build_object(
    'description', l.description, 'quantity', l.quantity, 'unitPrice', l.unit_price,
    'conditionName', l.condition_name, 'conditionDiscount', l.condition_discount,
    'voucherDiscount', l.voucher_discount, 'lineTotal', l.line_total
  ) ORDER BY l.sort_order, l.created_at), '[]'::json)
  FROM order_lines l WHERE l.order_id = ${orders.id})`;

const succeededPaymentsOfOrder = sql<EmailPayment[]>`(
  SELECT coalesce(json_agg(json_build_object('method', p.method, 'amount', p.amount)
    ORDER BY p.created_at), '[]'::json)
  FROM payments p WHERE p.order_id = ${orders.id} AND p.status = 'succeeded')`;

export async function loadOrderConfirmationView(
  db: Database,
  orderId: string,
): Promise<OrderConfirmationView> {
  const [row] = await db
    .select({
      ...headerColumns,
      accessCode: attendees.accessCode,
      lines: linesOfOrder,
      payments: succeededPaymentsOfOrder,
    })
    .from(orders)
    .innerJoin(conferences, eq(conferences.id, orders.conferenceId))
    .innerJoin(users, eq(users.id, orders.userId))
    // ATT-3 one attendee per person and conference; their code admits them whichever order paid.
    .leftJoin(
      attendees,
      and(
        eq(attendees.userId, orders.userId),
        eq(attendees.conferenceId, orders.conferenceId),
        eq(attendees.isActive, true),
      ),
    )
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row) throw emailErrors('EMAIL_ORDER_NOT_FOUND', { orderId });
  return toHeader(row);
}

export async function loadOrderHeader(db: Database, orderId: string): Promise<OrderEmailHeader> {
  const [row] = await db
    .select(headerColumns)
    .from(orders)
    .innerJoin(conferences, eq(conferences.id, orders.conferenceId))
    .innerJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row) throw emailErrors('EMAIL_ORDER_NOT_FOUND', { orderId });
  return toHeader(row);
}

export async function loadRefundNoticeView(
  db: Database,
  refundId: string,
): Promise<RefundNoticeView> {
  const [row] = await db
    .select({
      ...headerColumns,
      refund: {
        id: refunds.id,
        amount: refunds.amount,
        destination: refunds.destination,
        status: refunds.status,
        reason: refunds.reason,
      },
      cancelledLines: sql<RefundNoticeView['cancelledLines']>`(
        SELECT coalesce(json_agg(json_build_object('description', l.description,
          'quantity', rl.quantity) ORDER BY l.sort_order, l.created_at), '[]'::json)
        FROM refund_lines rl JOIN order_lines l ON l.id = rl.order_line_id
        WHERE rl.refund_id = ${refunds.id})`,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(conferences, eq(conferences.id, orders.conferenceId))
    .innerJoin(users, eq(users.id, orders.userId))
    .where(eq(refunds.id, refundId))
    .limit(1);
  if (!row) throw emailErrors('EMAIL_REFUND_NOT_FOUND', { refundId });
  return toHeader(row);
}
