-- D2.3 fence, trigger order_lines_capacity_fence (AFTER INSERT ON order_lines, per statement):
-- the products and venues of inserted lines that count are re-summed.
CREATE OR REPLACE FUNCTION lanyard_order_lines_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lanyard_assert_capacity(
    ARRAY(SELECT DISTINCT n.ticket_type_id FROM new_lines n
          WHERE n.ticket_type_id IS NOT NULL AND lanyard_counts_at(n.order_status, n.order_hold_expires_at, now())),
    ARRAY(SELECT DISTINCT n.addon_id FROM new_lines n
          WHERE n.addon_id IS NOT NULL AND lanyard_counts_at(n.order_status, n.order_hold_expires_at, now())),
    ARRAY(SELECT DISTINCT n.conference_id FROM new_lines n
          WHERE n.product_kind = 'ticket' AND lanyard_counts_at(n.order_status, n.order_hold_expires_at, now())));
  RETURN NULL;
END
$$;
