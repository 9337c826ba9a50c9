-- D2.3 fence, trigger orders_capacity_fence (AFTER UPDATE ON orders, per statement): only orders
-- that start counting now, e.g. a late payment reviving a lapsed order (D2.6).
CREATE OR REPLACE FUNCTION lanyard_orders_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  SELECT array_agg(n.id) INTO changed
  FROM new_orders n JOIN old_orders o ON o.id = n.id
  WHERE lanyard_counts_at(n.status, n.hold_expires_at, now())
    AND NOT lanyard_counts_at(o.status, o.hold_expires_at, now());
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM lanyard_assert_capacity(
    ARRAY(SELECT DISTINCT ticket_type_id FROM order_lines WHERE order_id = ANY(changed) AND ticket_type_id IS NOT NULL),
    ARRAY(SELECT DISTINCT addon_id FROM order_lines WHERE order_id = ANY(changed) AND addon_id IS NOT NULL),
    ARRAY(SELECT DISTINCT conference_id FROM order_lines WHERE order_id = ANY(changed) AND product_kind = 'ticket'));
  RETURN NULL;
END
$$;
