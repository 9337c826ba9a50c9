-- D2.2 inside the caller's transaction, in one round trip: lock, count in a fresh snapshot, and
-- check the plan's bounds (lanyard_broken_bound). Answers {"counts": <counts JSON>, "broken":
-- position of the first broken bound | null}; the locks stay held until the transaction ends, so
-- the caller writes what it took under them.
CREATE OR REPLACE FUNCTION lanyard_take(
  p_locks text[], p_conference uuid, p_buyer uuid, p_tickets uuid[], p_addons uuid[], p_venue boolean,
  p_voucher uuid, p_conditions uuid[], p_exclude uuid, p_at timestamptz, p_bounds jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counts jsonb;
BEGIN
  counts := lanyard_lock_then_count(p_locks, p_conference, p_buyer, p_tickets, p_addons, p_venue,
    p_voucher, p_conditions, p_exclude, p_at)::jsonb;
  RETURN jsonb_build_object('counts', counts, 'broken', lanyard_broken_bound(counts, p_bounds));
END
$$;
