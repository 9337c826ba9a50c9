-- lanyard_place_order (0006) wrote the order and its lines with EXECUTE, naming only the columns
-- the JSON carried so that the others took their defaults. EXECUTE parses and plans its text on
-- every call, under the inventory lock. The application now sends every column
-- (completeRowToJson in src/db/json-rows.ts fills the defaults it knows), so both inserts are
-- static SQL, planned once per connection.
CREATE OR REPLACE FUNCTION lanyard_place_order(
  p_locks text[], p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz, p_bounds jsonb,
  p_cart uuid, p_cart_version timestamptz, p_order jsonb, p_lines jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counts json;
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

  INSERT INTO orders SELECT * FROM jsonb_populate_record(NULL::orders, p_order)
  RETURNING to_jsonb(orders.*) INTO order_row;
  WITH written AS (
    INSERT INTO order_lines SELECT * FROM jsonb_populate_recordset(NULL::order_lines, p_lines)
    RETURNING *)
  SELECT jsonb_agg(to_jsonb(written.*) ORDER BY written.sort_order) INTO line_rows FROM written;
  RETURN jsonb_build_object('status', 'placed', 'order', order_row, 'lines', line_rows);
END
$$;
