-- D2.3 The database itself refuses an oversell. Application code locks and counts first (D2.2);
-- this is the second fence: whenever order lines start counting (inserted, or their order moves
-- into a counted state), the affected ticket types, add-ons and venue caps are re-summed under a
-- row lock and the statement fails with SQLSTATE LY001 if any is over its limit.
-- Row locks are FOR NO KEY UPDATE: inserting an order line takes KEY SHARE on the product row
-- (foreign key check), and FOR UPDATE on top of that deadlocks under load.
-- "Counted" mirrors src/services/inventory/counted-orders.ts (INV-1, D2.1).
CREATE FUNCTION lanyard_order_counts(status order_status, hold_expires_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT status IN ('paid', 'partially_refunded') OR (status = 'pending' AND hold_expires_at > now())
$$;
--> statement-breakpoint
CREATE FUNCTION lanyard_assert_capacity(ticket_type_ids uuid[], addon_ids uuid[], conference_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  product record;
  sold bigint;
BEGIN
  FOR product IN
    SELECT id, total_quantity FROM ticket_types
    WHERE id = ANY(ticket_type_ids) AND total_quantity > 0 ORDER BY id FOR NO KEY UPDATE
  LOOP
    SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0) INTO sold
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE l.ticket_type_id = product.id AND lanyard_order_counts(o.status, o.hold_expires_at);
    IF sold > product.total_quantity THEN
      RAISE EXCEPTION 'ticket type % oversold: % of %', product.id, sold, product.total_quantity
        USING ERRCODE = 'LY001';
    END IF;
  END LOOP;

  FOR product IN
    SELECT id, total_quantity FROM addons
    WHERE id = ANY(addon_ids) AND total_quantity > 0 ORDER BY id FOR NO KEY UPDATE
  LOOP
    SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0) INTO sold
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE l.addon_id = product.id AND lanyard_order_counts(o.status, o.hold_expires_at);
    IF sold > product.total_quantity THEN
      RAISE EXCEPTION 'add-on % oversold: % of %', product.id, sold, product.total_quantity
        USING ERRCODE = 'LY001';
    END IF;
  END LOOP;

  -- INV-3: the venue cap counts every ticket line, including lines whose ticket type was deleted.
  FOR product IN
    SELECT id, total_capacity FROM conferences
    WHERE id = ANY(conference_ids) AND total_capacity > 0 ORDER BY id FOR NO KEY UPDATE
  LOOP
    SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0) INTO sold
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE o.conference_id = product.id AND l.product_kind = 'ticket'
      AND lanyard_order_counts(o.status, o.hold_expires_at);
    IF sold > product.total_capacity THEN
      RAISE EXCEPTION 'conference % over venue capacity: % of %', product.id, sold, product.total_capacity
        USING ERRCODE = 'LY001';
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE FUNCTION lanyard_order_lines_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lanyard_assert_capacity(
    ARRAY(SELECT DISTINCT n.ticket_type_id FROM new_lines n JOIN orders o ON o.id = n.order_id
          WHERE n.ticket_type_id IS NOT NULL AND lanyard_order_counts(o.status, o.hold_expires_at)),
    ARRAY(SELECT DISTINCT n.addon_id FROM new_lines n JOIN orders o ON o.id = n.order_id
          WHERE n.addon_id IS NOT NULL AND lanyard_order_counts(o.status, o.hold_expires_at)),
    ARRAY(SELECT DISTINCT n.conference_id FROM new_lines n JOIN orders o ON o.id = n.order_id
          WHERE n.product_kind = 'ticket' AND lanyard_order_counts(o.status, o.hold_expires_at)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER order_lines_capacity_fence
  AFTER INSERT ON order_lines REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION lanyard_order_lines_capacity();
--> statement-breakpoint
CREATE FUNCTION lanyard_orders_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  -- Only orders that start counting now: e.g. a late payment reviving a cancelled order (D2.6).
  SELECT array_agg(n.id) INTO changed
  FROM new_orders n JOIN old_orders o ON o.id = n.id
  WHERE lanyard_order_counts(n.status, n.hold_expires_at) AND NOT lanyard_order_counts(o.status, o.hold_expires_at);
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
--> statement-breakpoint
CREATE TRIGGER orders_capacity_fence
  AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION lanyard_orders_capacity();
