-- D2.2 in one round trip. Checkout locks every consumed resource and then counts; as two
-- statements the lock was held across an extra network round trip. lanyard_lock_then_count takes
-- the sorted advisory locks and then counts in a NEW statement of a volatile PL/pgSQL function,
-- which under READ COMMITTED gets a fresh snapshot: it sees everything committed by the holder
-- it waited for. lanyard_cart_counts is the one statement that counts a cart's resources (stock,
-- venue, the buyer's holdings, voucher uses, condition units), used by add-to-cart and checkout.
-- The "counted" and "holding uses" rules mirror src/services/inventory/counted-orders.ts; the
-- time is the request's, passed in, as the services use it.
CREATE FUNCTION lanyard_counts_at(status order_status, hold_expires_at timestamptz, at timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('paid', 'partially_refunded') OR (status = 'pending' AND hold_expires_at > at)
$$;
--> statement-breakpoint
CREATE FUNCTION lanyard_holds_uses_at(status order_status, hold_expires_at timestamptz, at timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('paid', 'partially_refunded', 'refunded') OR (status = 'pending' AND hold_expires_at > at)
$$;
--> statement-breakpoint
CREATE FUNCTION lanyard_cart_counts(
  p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz
) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'tickets', (SELECT json_object_agg(id, units) FROM (
      SELECT l.ticket_type_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE l.ticket_type_id = ANY(p_tickets) AND lanyard_counts_at(o.status, o.hold_expires_at, p_at)
      GROUP BY 1) g),
    'addons', (SELECT json_object_agg(id, units) FROM (
      SELECT l.addon_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE l.addon_id = ANY(p_addons) AND lanyard_counts_at(o.status, o.hold_expires_at, p_at)
      GROUP BY 1) g),
    'venue', CASE WHEN p_venue THEN (
      SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0)
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.conference_id = p_conference AND l.product_kind = 'ticket'
        AND lanyard_counts_at(o.status, o.hold_expires_at, p_at)) ELSE 0 END,
    'held', (SELECT json_object_agg(id, units) FROM (
      SELECT l.ticket_type_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.user_id = p_buyer AND o.conference_id = p_conference AND l.ticket_type_id = ANY(p_tickets)
        AND lanyard_counts_at(o.status, o.hold_expires_at, p_at)
      GROUP BY 1) g),
    'voucher_uses', CASE WHEN p_voucher IS NULL THEN 0 ELSE (
      SELECT count(*) FROM orders o
      WHERE o.voucher_id = p_voucher AND lanyard_holds_uses_at(o.status, o.hold_expires_at, p_at)
        AND (p_exclude IS NULL OR o.id <> p_exclude)) END,
    'condition_units', (SELECT json_object_agg(id, units) FROM (
      SELECT l.condition_id AS id, sum(l.condition_units) AS units
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE l.condition_id = ANY(p_conditions) AND lanyard_holds_uses_at(o.status, o.hold_expires_at, p_at)
      GROUP BY 1) g))
$$;
--> statement-breakpoint
CREATE FUNCTION lanyard_lock_then_count(
  p_locks text[], p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz
) RETURNS json
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counts json;
BEGIN
  -- Distinct 64-bit hashes in one global order, as src/db/locks.ts takes them.
  PERFORM pg_advisory_xact_lock(h)
  FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) AS k ORDER BY 1) AS ordered;
  SELECT lanyard_cart_counts(p_conference, p_buyer, p_tickets, p_addons, p_venue, p_voucher,
    p_conditions, p_exclude, p_at) INTO counts;
  RETURN counts;
END
$$;
