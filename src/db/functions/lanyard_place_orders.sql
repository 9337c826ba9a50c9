-- Checkouts of the same products placed in ONE statement (the kernel's batched placement): the
-- locks are taken and the stock counted once, each entry is checked against those counts plus
-- what the entries before it took, exactly as if they had run one after another, and the
-- accepted orders and lines are written with one INSERT each, so the D2.3 fence sums once.
-- p_orders: [{"buyer", "bounds", "cart", "version", "at", "order", "lines"}], every one within the
-- scope of the other arguments (the same products, venue, voucher and limited conditions), each
-- buyer at most once. Answers {"outcomes": [one per entry, in order: {"status": "placed", "order":
-- id} | {"status": "stale", "counts"} | {"status": "cart_changed"}], "orders": {id: row},
-- "lines": {order id: [rows by sort_order]}}.
CREATE OR REPLACE FUNCTION lanyard_place_orders(
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
    IF lanyard_broken_bound(counts, entry -> 'bounds') IS NOT NULL THEN
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
