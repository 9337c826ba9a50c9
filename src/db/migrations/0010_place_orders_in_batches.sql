-- Checkouts of the same products placed in batches. In a ticket rush every checkout of one ticket
-- type waits for the same advisory locks, and under them each one counted the stock again, wrote
-- its order and lines (the D2.3 fence re-summing the stock after them) and committed. The
-- application now hands the checkouts that queued behind a running one to ONE statement: the
-- locks are taken and the stock counted once, each checkout is checked against those counts plus
-- what the checkouts before it in the batch took, exactly as if they had run one after another,
-- and the accepted orders and their lines are written with one INSERT each, so the fence sums
-- once. A checkout that fails its bounds ('stale') or whose cart changed is skipped, not the
-- batch. A batch of one is the single checkout of 0006 and 0008, which this replaces.
--
-- The buyer's holdings (per-user limits) are the one count that differs between the checkouts of
-- a batch; they move to their own function, which lanyard_cart_counts now calls.
CREATE FUNCTION lanyard_buyer_holdings(p_conference uuid, p_buyer uuid, p_tickets uuid[], p_at timestamptz)
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
--> statement-breakpoint
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
--> statement-breakpoint
-- Every bound the application decided with holds in `counts` (bounds as in 0006).
CREATE FUNCTION lanyard_counts_within(counts jsonb, bounds jsonb) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN NOT EXISTS (
    SELECT 1
    FROM jsonb_array_elements(bounds) AS b,
      LATERAL (SELECT coalesce((counts #>> ARRAY(SELECT jsonb_array_elements_text(b -> 'path')))::bigint, 0)
        AS value) AS fresh
    WHERE (b ? 'max' AND fresh.value > (b ->> 'max')::bigint)
       OR (b ? 'equals' AND fresh.value <> (b ->> 'equals')::bigint));
END
$$;
--> statement-breakpoint
-- `units` more for `id` in a counts map such as {"<ticket type id>": 3}; null is the empty map.
CREATE FUNCTION lanyard_add_units(counted jsonb, id text, units numeric) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN (CASE WHEN jsonb_typeof(counted) = 'object' THEN counted ELSE '{}'::jsonb END)
    || jsonb_build_object(id, coalesce((counted ->> id)::numeric, 0) + units);
END
$$;
--> statement-breakpoint
-- p_orders: [{"buyer", "bounds", "cart", "version", "at", "order", "lines"}], every one within the
-- scope of the other arguments (the same products, venue, voucher and limited conditions), each
-- buyer at most once. Answers {"outcomes": [one per entry, in order: {"status": "placed", "order":
-- id} | {"status": "stale", "counts"} | {"status": "cart_changed"}], "orders": {id: row},
-- "lines": {order id: [rows by sort_order]}}.
CREATE FUNCTION lanyard_place_orders(
  p_locks text[], p_conference uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_at timestamptz, p_orders jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  shared jsonb;
  counts jsonb;
  entry jsonb;
  line jsonb;
  buyer uuid;
  buyers uuid[] := '{}';
  units numeric;
  takes_stock boolean;
  takes_uses boolean;
  outcomes jsonb := '[]';
  placed_orders jsonb := '[]';
  placed_lines jsonb := '[]';
  order_rows jsonb := '{}';
  line_rows jsonb := '{}';
BEGIN
  -- Locks first, then counts in a fresh snapshot (0003); holdings are counted per buyer below.
  shared := lanyard_lock_then_count(p_locks, p_conference, NULL, p_tickets, p_addons, p_venue,
    p_voucher, p_conditions, NULL, p_at)::jsonb;
  FOR entry IN SELECT value FROM jsonb_array_elements(p_orders) LOOP
    buyer := (entry ->> 'buyer')::uuid;
    -- The orders are written after the loop, so a buyer's second entry could not see the first.
    IF buyer = ANY(buyers) THEN
      RAISE EXCEPTION 'buyer % is twice in one batch', buyer;
    END IF;
    counts := shared || jsonb_build_object('held',
      lanyard_buyer_holdings(p_conference, buyer, p_tickets, p_at));
    IF NOT lanyard_counts_within(counts, entry -> 'bounds') THEN
      outcomes := outcomes || jsonb_build_array(jsonb_build_object('status', 'stale', 'counts', counts));
      CONTINUE;
    END IF;
    UPDATE carts SET status = 'checked_out', updated_at = (entry ->> 'at')::timestamptz
    -- The version travels as a JavaScript date (milliseconds); the column may hold microseconds.
    WHERE id = (entry ->> 'cart')::uuid AND status = 'open'
      AND date_trunc('milliseconds', updated_at) = (entry ->> 'version')::timestamptz;
    IF NOT FOUND THEN
      outcomes := outcomes || jsonb_build_array(jsonb_build_object('status', 'cart_changed'));
      CONTINUE;
    END IF;
    buyers := buyers || buyer;
    placed_orders := placed_orders || jsonb_build_array(entry -> 'order');
    placed_lines := placed_lines || (entry -> 'lines');
    outcomes := outcomes || jsonb_build_array(
      jsonb_build_object('status', 'placed', 'order', entry -> 'order' -> 'id'));
    -- What this order takes, added as lanyard_cart_counts would count it for the next entry.
    takes_stock := lanyard_counts_at((entry -> 'order' ->> 'status')::order_status,
      (entry -> 'order' ->> 'hold_expires_at')::timestamptz, p_at);
    takes_uses := lanyard_holds_uses_at((entry -> 'order' ->> 'status')::order_status,
      (entry -> 'order' ->> 'hold_expires_at')::timestamptz, p_at);
    FOR line IN SELECT value FROM jsonb_array_elements(entry -> 'lines') LOOP
      units := (line ->> 'quantity')::numeric - coalesce((line ->> 'cancelled_quantity')::numeric, 0);
      IF takes_stock AND (line ->> 'ticket_type_id')::uuid = ANY(p_tickets) THEN
        shared := jsonb_set(shared, '{tickets}',
          lanyard_add_units(shared -> 'tickets', line ->> 'ticket_type_id', units));
      END IF;
      IF takes_stock AND (line ->> 'addon_id')::uuid = ANY(p_addons) THEN
        shared := jsonb_set(shared, '{addons}',
          lanyard_add_units(shared -> 'addons', line ->> 'addon_id', units));
      END IF;
      IF takes_stock AND p_venue AND line ->> 'product_kind' = 'ticket' THEN
        shared := jsonb_set(shared, '{venue}', to_jsonb((shared ->> 'venue')::numeric + units));
      END IF;
      IF takes_uses AND (line ->> 'condition_id')::uuid = ANY(p_conditions) THEN
        shared := jsonb_set(shared, '{condition_units}', lanyard_add_units(shared -> 'condition_units',
          line ->> 'condition_id', coalesce((line ->> 'condition_units')::numeric, 0)));
      END IF;
    END LOOP;
    IF takes_uses AND (entry -> 'order' ->> 'voucher_id')::uuid = p_voucher THEN
      shared := jsonb_set(shared, '{voucher_uses}', to_jsonb((shared ->> 'voucher_uses')::numeric + 1));
    END IF;
  END LOOP;

  IF cardinality(buyers) > 0 THEN
    WITH written AS (
      INSERT INTO orders SELECT * FROM jsonb_populate_recordset(NULL::orders, placed_orders)
      RETURNING *)
    SELECT jsonb_object_agg(written.id, to_jsonb(written.*)) INTO order_rows FROM written;
    WITH written AS (
      INSERT INTO order_lines SELECT * FROM jsonb_populate_recordset(NULL::order_lines, placed_lines)
      RETURNING *)
    SELECT jsonb_object_agg(g.order_id, g.lines) INTO line_rows
    FROM (SELECT written.order_id, jsonb_agg(to_jsonb(written.*) ORDER BY written.sort_order) AS lines
          FROM written GROUP BY written.order_id) AS g;
  END IF;
  RETURN jsonb_build_object('outcomes', outcomes, 'orders', order_rows, 'lines', line_rows);
END
$$;
--> statement-breakpoint
DROP FUNCTION lanyard_place_order(text[], uuid, uuid, uuid[], uuid[], boolean, uuid, uuid[], uuid,
  timestamptz, jsonb, uuid, timestamptz, jsonb, jsonb);
