DROP INDEX "order_lines_ticket_type_id_idx";--> statement-breakpoint
DROP INDEX "order_lines_addon_id_idx";--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "order_status" "order_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "order_hold_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "order_lines_ticket_type_counting_idx" ON "order_lines" USING btree ("ticket_type_id","order_status","order_hold_expires_at","quantity","cancelled_quantity");--> statement-breakpoint
CREATE INDEX "order_lines_addon_counting_idx" ON "order_lines" USING btree ("addon_id","order_status","order_hold_expires_at","quantity","cancelled_quantity");--> statement-breakpoint
CREATE INDEX "order_lines_conference_counting_idx" ON "order_lines" USING btree ("conference_id","product_kind","order_status","order_hold_expires_at","quantity","cancelled_quantity");--> statement-breakpoint
-- D2.1 counting without visiting every order. Stock was summed by joining each product's lines
-- with their orders to see which count (paid, partially refunded, or pending with a live hold);
-- that join read the whole orders table, every conference's, on every count: at 2,000 sold seats
-- a count took 2-3 ms, three counts per checkout (add-to-cart, under the lock, the D2.3 fence).
-- Each line now carries its order's status and hold, copied by the triggers below in the same
-- statement that writes the order, and the counts read one index (0.4 ms at 2,000 seats).
-- Still derived from source rows: no counter, nothing that changes when time passes.
UPDATE order_lines l SET order_status = o.status, order_hold_expires_at = o.hold_expires_at
FROM orders o WHERE o.id = l.order_id;
--> statement-breakpoint
CREATE FUNCTION lanyard_order_line_takes_order_state() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  state order_status;
  hold timestamptz;
BEGIN
  SELECT o.status, o.hold_expires_at INTO state, hold FROM orders o WHERE o.id = NEW.order_id;
  -- A missing order is the foreign key's to refuse, with its own error.
  IF FOUND THEN
    NEW.order_status := state;
    NEW.order_hold_expires_at := hold;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER order_lines_take_order_state
  BEFORE INSERT OR UPDATE ON order_lines
  FOR EACH ROW EXECUTE FUNCTION lanyard_order_line_takes_order_state();
--> statement-breakpoint
CREATE FUNCTION lanyard_order_state_to_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE order_lines SET order_status = NEW.status, order_hold_expires_at = NEW.hold_expires_at
  WHERE order_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A row trigger: it runs before the statement-level capacity fence on orders (0001), which
-- therefore counts with the lines already in their new state.
CREATE TRIGGER orders_state_to_lines
  AFTER UPDATE OF status, hold_expires_at ON orders
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.hold_expires_at IS DISTINCT FROM NEW.hold_expires_at)
  EXECUTE FUNCTION lanyard_order_state_to_lines();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lanyard_assert_capacity(ticket_type_ids uuid[], addon_ids uuid[], conference_ids uuid[]) RETURNS void
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
    FROM order_lines l
    WHERE l.ticket_type_id = product.id AND lanyard_order_counts(l.order_status, l.order_hold_expires_at);
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
    WHERE l.addon_id = product.id AND lanyard_order_counts(l.order_status, l.order_hold_expires_at);
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
      AND lanyard_order_counts(l.order_status, l.order_hold_expires_at);
    IF sold > product.total_capacity THEN
      RAISE EXCEPTION 'conference % over venue capacity: % of %', product.id, sold, product.total_capacity
        USING ERRCODE = 'LY001';
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lanyard_order_lines_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lanyard_assert_capacity(
    ARRAY(SELECT DISTINCT n.ticket_type_id FROM new_lines n
          WHERE n.ticket_type_id IS NOT NULL AND lanyard_order_counts(n.order_status, n.order_hold_expires_at)),
    ARRAY(SELECT DISTINCT n.addon_id FROM new_lines n
          WHERE n.addon_id IS NOT NULL AND lanyard_order_counts(n.order_status, n.order_hold_expires_at)),
    ARRAY(SELECT DISTINCT n.conference_id FROM new_lines n
          WHERE n.product_kind = 'ticket' AND lanyard_order_counts(n.order_status, n.order_hold_expires_at)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lanyard_cart_counts(
  p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz
) RETURNS json
LANGUAGE plpgsql STABLE AS $$
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
    SELECT json_object_agg(id, units) INTO held FROM (
      SELECT l.ticket_type_id AS id, sum(l.quantity - l.cancelled_quantity) AS units
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.user_id = p_buyer AND o.conference_id = p_conference AND l.ticket_type_id = ANY(p_tickets)
        AND lanyard_counts_at(l.order_status, l.order_hold_expires_at, p_at)
      GROUP BY 1) g;
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
