-- The checkout functions run the same few statements on every call with different ids. PL/pgSQL
-- prepares them once per connection, but the plan cache may still re-plan a call with its
-- parameter values (a custom plan) when it estimates that cheaper than the generic plan, and the
-- measurement below shows that it did: checkouts paid the planner, under the inventory lock. Their plans do not depend on the values (one product, one buyer, one voucher: index
-- lookups either way), so the generic plan is forced for these functions only. Measured with
-- bench/rush (2,000 buyers for 2,000 seats, one process, bounded): PostgreSQL CPU per buyer
-- 2.27-2.45 ms before, 2.15-2.21 ms after; the same as forcing it for the whole server.
ALTER FUNCTION lanyard_place_order(text[], uuid, uuid, uuid[], uuid[], boolean, uuid, uuid[], uuid, timestamptz, jsonb, uuid, timestamptz, jsonb, jsonb)
  SET plan_cache_mode = force_generic_plan;--> statement-breakpoint
ALTER FUNCTION lanyard_cart_counts(uuid, uuid, uuid[], uuid[], boolean, uuid, uuid[], uuid, timestamptz)
  SET plan_cache_mode = force_generic_plan;--> statement-breakpoint
ALTER FUNCTION lanyard_assert_capacity(uuid[], uuid[], uuid[])
  SET plan_cache_mode = force_generic_plan;
