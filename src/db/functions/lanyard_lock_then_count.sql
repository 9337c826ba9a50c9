-- D2.2 in one round trip: takes the sorted advisory locks, then counts in a NEW statement of a
-- volatile PL/pgSQL function, which under READ COMMITTED gets a fresh snapshot: it sees everything
-- committed by the holder it waited for. Lock names are services/inventory's (`lockNamesOf`).
CREATE OR REPLACE FUNCTION lanyard_lock_then_count(
  p_locks text[], p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz
) RETURNS json
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counts json;
BEGIN
  -- Distinct 64-bit hashes in one global order, as src/db/locks.ts takes them.
  PERFORM pg_advisory_xact_lock(h)
  FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) AS k ORDER BY 1) AS ordered;
  SELECT lanyard_cart_counts(p_conference, p_buyer, p_tickets, p_addons, p_venue, p_voucher,
    p_conditions, p_exclude, p_at) INTO counts;
  RETURN counts;
END
$$;
