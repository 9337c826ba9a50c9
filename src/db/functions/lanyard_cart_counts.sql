-- Everything a cart change or a checkout counts, in ONE statement: stock per product, venue units,
-- the buyer's holdings (D2.4), voucher uses (VOU-7) and condition units (D3.6). Answers the
-- counts JSON (services/inventory/sql-shapes.ts `countsJson`). PL/pgSQL keeps each statement's
-- plan for the session and skips what a cart does not need; STABLE: its statements see the
-- snapshot of the calling statement, which in lanyard_lock_then_count is taken after the locks.
CREATE OR REPLACE FUNCTION lanyard_cart_counts(
  p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz
) RETURNS json
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  tickets json;
  addons json;
  venue bigint := 0;
  held json;
  voucher_uses bigint := 0;
  condition_units json;
BEGIN
  IF cardinality(p_tickets) > 0 THEN
    SELECT json_object_agg(id, units) INTO tickets FROM (
      SELECT l.ticket_type_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
      FROM order_lines l
      WHERE l.ticket_type_id = ANY(p_tickets) AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, p_at)
      GROUP BY 1) g;
    IF p_buyer IS NOT NULL THEN
      held := lanyard_buyer_holdings(p_conference, p_buyer, p_tickets, p_at);
    END IF;
  END IF;
  IF cardinality(p_addons) > 0 THEN
    SELECT json_object_agg(id, units) INTO addons FROM (
      SELECT l.addon_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
      FROM order_lines l
      WHERE l.addon_id = ANY(p_addons) AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, p_at)
      GROUP BY 1) g;
  END IF;
  IF p_venue THEN
    SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0) INTO venue
    FROM order_lines l
    WHERE l.conference_id = p_conference AND l.product_kind = 'ticket'
      AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, p_at);
  END IF;
  IF p_voucher IS NOT NULL THEN
    SELECT count(*) INTO voucher_uses FROM orders o
    WHERE o.voucher_id = p_voucher AND lanyard_holds_uses_at(o.status, o.hold_expires_at, p_at)
      AND (p_exclude IS NULL OR o.id <> p_exclude);
  END IF;
  IF cardinality(p_conditions) > 0 THEN
    SELECT json_object_agg(id, units) INTO condition_units FROM (
      SELECT l.condition_id AS id, sum(l.condition_units) AS units
      FROM order_lines l
      WHERE l.condition_id = ANY(p_conditions) AND lanyard_holds_uses_at(l.order_status, l.order_hold_expires_at, p_at)
      GROUP BY 1) g;
  END IF;
  RETURN json_build_object('tickets', tickets, 'addons', addons, 'venue', venue, 'held', held,
    'voucher_uses', voucher_uses, 'condition_units', condition_units);
END
$$;
