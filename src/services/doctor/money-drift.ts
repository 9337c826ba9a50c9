import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';

export interface DriftFinding {
  conference: string;
  reference: string;
  status: string;
  /** Machine-readable kind, e.g. `paid_not_covered`. */
  kind: string;
  message: string;
}

interface OrderMoneyRow {
  conference: string;
  reference: string;
  status: string;
  total: string;
  subtotal: string;
  discount: string;
  lines_total: string;
  paid: string;
  paid_outside_credit: string;
  refunded: string;
  pending_refunds: string;
  stale_refunds: string;
  unidentified_refunds: string;
  repeated_refund_ids: string;
  stale_line_states: string;
  needs_attention: boolean;
}

/**
 * The rules a healthy order obeys once money moved (D3.8, D4.4, D4.6, D2.6): payments minus
 * refunds match its status and totals. Each broken rule is one finding.
 */
function findingsOf(row: OrderMoneyRow): Array<Pick<DriftFinding, 'kind' | 'message'>> {
  const n = (value: string) => Number(value);
  const [total, paid, refunded] = [n(row.total), n(row.paid), n(row.refunded)];
  const found: Array<Pick<DriftFinding, 'kind' | 'message'>> = [];
  const add = (kind: string, message: string) => found.push({ kind, message });
  if (n(row.lines_total) !== total)
    add('lines_do_not_add_up', `lines add up to ${row.lines_total}, the order total is ${total}`);
  if (n(row.subtotal) - n(row.discount) !== total)
    add(
      'totals_do_not_add_up',
      `subtotal ${row.subtotal} − discount ${row.discount} ≠ total ${total}`,
    );
  const settled = ['paid', 'partially_refunded', 'refunded'].includes(row.status);
  if (settled && paid < total)
    add('paid_not_covered', `status ${row.status} but only ${paid} of ${total} was paid`);
  if (settled && paid > total && !row.needs_attention)
    add('overpaid_unflagged', `paid ${paid} for a total of ${total} and nobody was told`);
  if (row.status === 'paid' && refunded > 0)
    add('refund_not_reflected', `${refunded} refunded but the status is still paid`);
  if (row.status === 'partially_refunded' && (refunded <= 0 || refunded >= paid))
    add('partial_refund_mismatch', `partially refunded, but refunded ${refunded} of ${paid}`);
  if (row.status === 'refunded' && refunded < paid)
    add('refunded_not_covered', `refunded, but only ${refunded} of ${paid} went back`);
  if (row.status === 'pending' && total > 0 && paid >= total)
    add('pending_but_paid', `still pending although ${paid} of ${total} was paid`);
  const kept = n(row.paid_outside_credit) - refunded - n(row.pending_refunds);
  if (row.status === 'cancelled' && kept > 0 && !row.needs_attention)
    add('cancelled_keeps_money', `cancelled but keeps ${kept} of the buyer's money, unflagged`);
  if (refunded > paid) add('refunded_more_than_paid', `refunded ${refunded}, paid ${paid}`);
  // D4.11: each Stripe refund is recorded once, by its id.
  if (n(row.repeated_refund_ids) > 0)
    add(
      'stripe_refund_recorded_twice',
      `${row.repeated_refund_ids} refund record(s) carry a Stripe refund id another record also carries`,
    );
  if (n(row.unidentified_refunds) > 0)
    add(
      'card_refund_without_stripe_id',
      `${row.unidentified_refunds} card refund(s) counted as returned with no Stripe refund id`,
    );
  if (n(row.stale_refunds) > 0)
    add('refund_stuck', `${row.stale_refunds} card refund(s) pending at Stripe for over an hour`);
  // D2.1: stock is counted from the order state each line carries (migration 0007).
  if (n(row.stale_line_states) > 0)
    add(
      'line_state_stale',
      `${row.stale_line_states} line(s) carry another status or hold than the order: stock counts are off`,
    );
  return found;
}

/**
 * `lanyard doctor`: every order that has payments or refunds, checked in one statement. An empty
 * list means the books agree with the order states, and the lines with their orders.
 */
export async function findMoneyDrift(
  db: Database,
  now: Date,
  conferenceId?: string,
): Promise<DriftFinding[]> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const rows = await queryRows<OrderMoneyRow>(
    db,
    sql`SELECT c.slug AS conference, o.reference, o.status, o.total, o.subtotal,
        o.discount_amount AS discount, o.needs_attention,
        (SELECT coalesce(sum(line_total), 0) FROM order_lines WHERE order_id = o.id) AS lines_total,
        coalesce(p.paid, 0) AS paid, coalesce(p.paid_outside_credit, 0) AS paid_outside_credit,
        coalesce(r.refunded, 0) AS refunded, coalesce(r.pending, 0) AS pending_refunds,
        coalesce(r.stale, 0) AS stale_refunds, coalesce(r.unidentified, 0) AS unidentified_refunds,
        coalesce(dup.repeated, 0) AS repeated_refund_ids, coalesce(ls.stale, 0) AS stale_line_states
      FROM orders o
      JOIN conferences c ON c.id = o.conference_id
      LEFT JOIN LATERAL (
        SELECT sum(amount) FILTER (WHERE status = 'succeeded') AS paid,
               sum(amount) FILTER (WHERE status = 'succeeded' AND method <> 'credit') AS paid_outside_credit
        FROM payments WHERE order_id = o.id) p ON true
      LEFT JOIN LATERAL (
        SELECT sum(amount) FILTER (WHERE status = 'succeeded') AS refunded,
               sum(amount) FILTER (WHERE status = 'pending') AS pending,
               count(*) FILTER (WHERE status = 'pending' AND destination = 'card' AND created_at < ${hourAgo}) AS stale,
               count(*) FILTER (WHERE status = 'succeeded' AND destination = 'card' AND amount > 0
                 AND stripe_refund_id IS NULL) AS unidentified
        FROM refunds WHERE order_id = o.id) r ON true
      LEFT JOIN LATERAL (
        SELECT count(*) AS repeated FROM refunds mine
        WHERE mine.order_id = o.id AND mine.stripe_refund_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM refunds other
          WHERE other.stripe_refund_id = mine.stripe_refund_id AND other.id <> mine.id)) dup ON true
      LEFT JOIN LATERAL (
        SELECT count(*) AS stale FROM order_lines l
        WHERE l.order_id = o.id AND (l.order_status <> o.status
          OR l.order_hold_expires_at IS DISTINCT FROM o.hold_expires_at)) ls ON true
      WHERE (p.paid IS NOT NULL OR r.refunded IS NOT NULL OR r.pending IS NOT NULL
          OR o.status <> 'pending' OR ls.stale > 0)
        ${conferenceId ? sql`AND o.conference_id = ${conferenceId}` : sql``}
      ORDER BY c.slug, o.created_at`,
  );
  return rows.flatMap((row) =>
    findingsOf(row).map((f) => ({
      conference: row.conference,
      reference: row.reference,
      status: row.status,
      ...f,
    })),
  );
}
