-- D2.3 The database itself refuses an oversell. Application code locks and counts first (D2.2);
-- this is the second fence: the given ticket types, add-ons and venue caps are re-summed under a
-- row lock and the statement fails with SQLSTATE LY001 if any is over its limit. Row locks are
-- FOR NO KEY UPDATE: inserting an order line takes KEY SHARE on the product row (foreign key
-- check), and FOR UPDATE on top of that deadlocks under load. "Counted" is lanyard_counts_at,
-- read from the order state each line carries (lanyard_order_line_takes_order_state).
CREATE OR REPLACE FUNCTION lanyard_assert_capacity(ticket_type_ids uuid[], addon_ids uuid[], conference_ids uuid[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  product record;
  sold bigint;
BEGIN
  FOR product IN
    SELECT id, total_quantity FROM ticket_types
    WHERE id = ANY(ticket_type_ids) AND total_quantity > 0 ORDER BY id FOR NO KEY UPDATE
  LOOP
    SELECT coalesce(sum(l.quantity - l.cancelled_quantity), 0) INTO sold
    FROM order_lines l
    WHERE l.ticket_type_id = product.id AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, now());
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
    FROM order_lines l
    WHERE l.addon_id = product.id AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, now());
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
    FROM order_lines l
    WHERE l.conference_id = product.id AND l.product_kind = 'ticket'
      AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, now());
    IF sold > product.total_capacity THEN
      RAISE EXCEPTION 'conference % over venue capacity: % of %', product.id, sold, product.total_capacity
        USING ERRCODE = 'LY001';
    END IF;
  END LOOP;
END
$$;
