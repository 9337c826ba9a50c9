-- VOU-7 / D3.6: the ONE definition of "holds its voucher use and condition units": unless it was
-- cancelled or its hold lapsed; refunds do not give uses back. TypeScript asks through this
-- function too (services/inventory/counted-orders.ts).
CREATE OR REPLACE FUNCTION lanyard_holds_uses_at(status order_status, hold_expires_at timestamptz, at timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('paid', 'partially_refunded', 'refunded') OR (status = 'pending' AND hold_expires_at > at)
$$;
