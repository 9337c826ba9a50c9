import type pg from 'pg';

export interface Check {
  name: string;
  value: number;
  expected: number;
  /** Part of the "double processing = 0" verdict (the others check that everything was done once). */
  double: boolean;
}

export interface WebhookCheck {
  checks: Check[];
  /** Sum of every sign of an event or order handled twice; must be 0. */
  doubleProcessing: number;
  ok: boolean;
}

type Counts = Record<string, string | number | null>;

async function one(pool: pg.Pool, text: string, values: unknown[]): Promise<Counts> {
  const { rows } = await pool.query<Counts>(text, values);
  return rows[0] ?? {};
}

const EVENTS_SQL = `
  SELECT count(*) AS rows,
         count(DISTINCT stripe_id) AS distinct_ids,
         count(*) FILTER (WHERE processed_at IS NOT NULL) AS processed,
         count(*) FILTER (WHERE attempts > 1) AS run_twice,
         count(*) FILTER (WHERE stripe_id <> ALL($2::text[])) AS unknown
    FROM stripe_events WHERE conference_id = $1`;

// One row per order with what hangs off it; each count must be exactly 1.
const ORDERS_SQL = `
  WITH per_order AS (
    SELECT o.id, o.status, o.needs_attention,
      (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'succeeded') AS paid,
      (SELECT count(*) FROM payments p WHERE p.order_id = o.id) AS payment_rows,
      (SELECT count(*) FROM outbox x WHERE x.kind = 'email.order_confirmation'
          AND x.payload->>'orderId' = o.id::text) AS emails,
      (SELECT count(*) FROM outbox x WHERE x.kind = 'order.paid'
          AND x.payload->>'orderId' = o.id::text) AS paid_events,
      (SELECT count(*) FROM attendees a WHERE a.order_id = o.id) AS attendees
    FROM orders o WHERE o.conference_id = $1)
  SELECT count(*) AS orders,
         count(*) FILTER (WHERE status = 'paid') AS paid_orders,
         count(*) FILTER (WHERE paid = 0) AS unpaid_payments,
         count(*) FILTER (WHERE paid > 1) AS paid_twice,
         count(*) FILTER (WHERE payment_rows > 1) AS extra_payment_rows,
         count(*) FILTER (WHERE emails = 0) AS no_email,
         count(*) FILTER (WHERE emails > 1) AS emails_twice,
         count(*) FILTER (WHERE paid_events <> 1) AS paid_events_not_one,
         count(*) FILTER (WHERE attendees <> 1) AS attendees_not_one,
         count(*) FILTER (WHERE needs_attention) AS flagged
    FROM per_order`;

const SIDE_EFFECTS_SQL = `
  SELECT (SELECT count(*) FROM event_processing_exceptions WHERE conference_id = $1) AS exceptions,
         (SELECT count(*) FROM refunds WHERE conference_id = $1) AS refunds`;

/**
 * What the database holds after the deliveries, counted in plain SQL written here rather than
 * through the service (a check that reuses the code it checks would share its bugs). Every
 * event stored once and processed once; every order paid once, with one succeeded payment, one
 * confirmation email, one `order.paid` event and one attendee; nothing flagged, refunded or
 * recorded as a processing exception. `repeatedProcessedAnswers` counts 200 `processed` replies
 * beyond the first for an event: a redelivery that was processed again.
 */
export async function verifyWebhooks(
  pool: pg.Pool,
  scope: { conferenceId: string; eventIds: readonly string[]; repeatedProcessedAnswers: number },
): Promise<WebhookCheck> {
  const n = scope.eventIds.length;
  const events = await one(pool, EVENTS_SQL, [scope.conferenceId, scope.eventIds]);
  const orders = await one(pool, ORDERS_SQL, [scope.conferenceId]);
  const side = await one(pool, SIDE_EFFECTS_SQL, [scope.conferenceId]);
  const check = (name: string, raw: unknown, expected: number, double = false): Check => ({
    name,
    value: Number(raw ?? Number.NaN),
    expected,
    double,
  });
  const checks = [
    check('stripe_events rows', events['rows'], n),
    check('distinct event ids stored', events['distinct_ids'], n),
    check('events processed (processed_at set)', events['processed'], n),
    check('events stored that were never sent', events['unknown'], 0),
    check('events run more than once (attempts > 1)', events['run_twice'], 0, true),
    check('"processed" answers beyond one per event', scope.repeatedProcessedAnswers, 0, true),
    check('orders', orders['orders'], n),
    check('orders paid', orders['paid_orders'], n),
    check('orders without a succeeded payment', orders['unpaid_payments'], 0),
    check('orders with more than one succeeded payment', orders['paid_twice'], 0, true),
    check('orders with more than one payment row', orders['extra_payment_rows'], 0, true),
    check('orders without a confirmation email', orders['no_email'], 0),
    check('orders with more than one confirmation email', orders['emails_twice'], 0, true),
    check('orders without exactly one order.paid event', orders['paid_events_not_one'], 0),
    check('orders without exactly one attendee', orders['attendees_not_one'], 0),
    check('orders flagged for attention (e.g. overpaid)', orders['flagged'], 0, true),
    check('refunds', side['refunds'], 0, true),
    check('event_processing_exceptions', side['exceptions'], 0),
  ];
  const doubleProcessing = checks
    .filter((c) => c.double)
    .reduce((sum, c) => sum + Math.max(0, c.value), 0);
  return {
    checks,
    doubleProcessing,
    ok: checks.every((c) => c.value === c.expected),
  };
}
