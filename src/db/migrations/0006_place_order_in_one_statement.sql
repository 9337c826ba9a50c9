-- Checkout's locked part (D2.2) in ONE statement. As separate statements (lock and count, insert
-- lines, COMMIT), the inventory lock was held across two network round trips; with the CPU busy in
-- a ticket rush each cost about 8 ms, which capped one ticket type near 60 checkouts/s.
--
-- The application decides everything it can before (products, windows, voucher gate, prices) and
-- sends the fresh counts that decision depends on as bounds: [{"path": ["tickets", id], "max": n}]
-- or {"equals": n} for counts that pricing uses. This function takes the sorted advisory locks and
-- counts in a fresh snapshot (lanyard_lock_then_count of 0003), and only when
-- every count is within its bound closes the cart (if it is still the priced version) and writes
-- the order and its lines. Otherwise it writes nothing and answers 'stale' with the counts, and
-- the application decides again with them. The D2.3 fence still re-checks the inserted lines.
-- Rows arrive as JSON keyed by column name (src/db/json-rows.ts); a column left out takes its
-- default, and rows return as to_jsonb.
CREATE FUNCTION lanyard_place_order(
  p_locks text[], p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz, p_bounds jsonb,
  p_cart uuid, p_cart_version timestamptz, p_order jsonb, p_lines jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counts json;
  order_columns text;
  line_columns text;
  order_row jsonb;
  line_rows jsonb;
BEGIN
  -- Locks first, then counts in a fresh snapshot (0003).
  counts := lanyard_lock_then_count(p_locks, p_conference, p_buyer, p_tickets, p_addons, p_venue,
    p_voucher, p_conditions, p_exclude, p_at);
  IF EXISTS (
    SELECT 1
    FROM jsonb_array_elements(p_bounds) AS b,
      LATERAL (SELECT coalesce((counts #>> ARRAY(SELECT jsonb_array_elements_text(b -> 'path')))::bigint, 0)
        AS value) AS fresh
    WHERE (b ? 'max' AND fresh.value > (b ->> 'max')::bigint)
       OR (b ? 'equals' AND fresh.value <> (b ->> 'equals')::bigint)
  ) THEN
    RETURN jsonb_build_object('status', 'stale', 'counts', counts);
  END IF;

  UPDATE carts SET status = 'checked_out', updated_at = p_at
  -- The version travels as a JavaScript date (milliseconds); the column may hold microseconds.
  WHERE id = p_cart AND status = 'open' AND date_trunc('milliseconds', updated_at) = p_cart_version;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'cart_changed');
  END IF;

  SELECT string_agg(quote_ident(k), ', ') INTO order_columns FROM jsonb_object_keys(p_order) AS k;
  EXECUTE format('INSERT INTO orders (%1$s) SELECT %1$s FROM jsonb_populate_record(NULL::orders, $1)
    RETURNING to_jsonb(orders.*)', order_columns) INTO order_row USING p_order;
  SELECT string_agg(quote_ident(k), ', ') INTO line_columns FROM jsonb_object_keys(p_lines -> 0) AS k;
  EXECUTE format('WITH written AS (INSERT INTO order_lines (%1$s)
    SELECT %1$s FROM jsonb_populate_recordset(NULL::order_lines, $1) RETURNING *)
    SELECT jsonb_agg(to_jsonb(written.*) ORDER BY written.sort_order) FROM written', line_columns)
    INTO line_rows USING p_lines;
  RETURN jsonb_build_object('status', 'placed', 'order', order_row, 'lines', line_rows);
END
$$;
