-- D2.1 / INV-1: the ONE definition of "counted". An order's lines consume stock while it is paid,
-- partially refunded, or pending with a hold that is still live at `at`. The fence (D2.3) asks
-- with now(), the counts with the request's time; TypeScript asks through this function too
-- (services/inventory/counted-orders.ts).
CREATE OR REPLACE FUNCTION lanyard_counts_at(status order_status, hold_expires_at timestamptz, at timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('paid', 'partially_refunded') OR (status = 'pending' AND hold_expires_at > at)
$$;
