-- D2.4, W-9: units of each ticket type one buyer holds in counted orders (per-user limits). The one
-- count that differs between the checkouts of a batch, so lanyard_place_orders asks it per entry.
CREATE OR REPLACE FUNCTION lanyard_buyer_holdings(p_conference uuid, p_buyer uuid, p_tickets uuid[], p_at timestamptz)
RETURNS json
-- PL/pgSQL, not SQL: a SQL function that cannot be inlined is planned again on every call.
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (SELECT json_object_agg(id, units) FROM (
    SELECT l.ticket_type_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE o.user_id = p_buyer AND o.conference_id = p_conference AND l.ticket_type_id = ANY(p_tickets)
      AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, p_at)
    GROUP BY 1) g);
END
$$;
