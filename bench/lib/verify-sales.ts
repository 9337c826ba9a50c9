import type pg from 'pg';

export interface SalesCheck {
  /** Ticket units in counted orders: paid, partially refunded, or pending with a live hold. */
  sold: number;
  /** Orders of the conference in any state, to spot orders that do not count. */
  orders: number;
  oversold: number;
  /** Seats left while demand exceeded supply; null when there were fewer buyers than seats. */
  unsold: number | null;
  /** With a limited discount in the rush: the units it discounted in counted orders. */
  discount: { limit: number; units: number } | null;
}

/**
 * Counts what the database holds after the rush. Written here in plain SQL on purpose, rather
 * than through the service's counting function: a check that reuses the code it checks would
 * share its bugs.
 */
export async function verifySales(
  pool: pg.Pool,
  scope: {
    conferenceId: string;
    ticketTypeId: string;
    seats: number;
    buyers: number;
    discount: { id: string; usageLimit: number } | null;
  },
): Promise<SalesCheck> {
  const counted = `(o.status IN ('paid', 'partially_refunded')
                OR (o.status = 'pending' AND o.hold_expires_at > now()))`;
  const { rows } = await pool.query<{ sold: string; orders: string; discounted: string }>(
    `SELECT
       (SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0)
          FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.ticket_type_id = $1 AND ${counted}) AS sold,
       (SELECT count(*) FROM orders WHERE conference_id = $2) AS orders,
       (SELECT coalesce(sum(l.condition_units), 0)
          FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.condition_id = $3::uuid AND ${counted}) AS discounted`,
    [scope.ticketTypeId, scope.conferenceId, scope.discount?.id ?? null],
  );
  const sold = Number(rows[0]?.sold ?? 0);
  return {
    sold,
    orders: Number(rows[0]?.orders ?? 0),
    oversold: Math.max(0, sold - scope.seats),
    unsold: scope.buyers >= scope.seats ? Math.max(0, scope.seats - sold) : null,
    discount: scope.discount
      ? { limit: scope.discount.usageLimit, units: Number(rows[0]?.discounted ?? 0) }
      : null,
  };
}
