-- The ONE place a plan's bounds are checked against fresh counts (services/inventory: the kernel's
-- in-transaction take and the batched placement both end here). A bound is {"path": [...],
-- "max": n} or {"path": [...], "equals": n}, the path leading into the counts JSON; an absent
-- count is 0. Answers the 0-based position of the first bound the counts break, or NULL.
CREATE OR REPLACE FUNCTION lanyard_broken_bound(counts jsonb, bounds jsonb) RETURNS integer
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN (
    SELECT (b.ord - 1)::integer
    FROM jsonb_array_elements(bounds) WITH ORDINALITY AS b(bound, ord),
      LATERAL (SELECT coalesce((counts #>> ARRAY(SELECT jsonb_array_elements_text(b.bound -> 'path')))::bigint, 0)
        AS value) AS fresh
    WHERE (b.bound ? 'max' AND fresh.value > (b.bound ->> 'max')::bigint)
       OR (b.bound ? 'equals' AND fresh.value <> (b.bound ->> 'equals')::bigint)
    ORDER BY b.ord
    LIMIT 1);
END
$$;
