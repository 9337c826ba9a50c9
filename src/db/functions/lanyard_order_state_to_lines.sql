-- Trigger orders_state_to_lines (AFTER UPDATE OF status, hold_expires_at ON orders, per row): the
-- lines follow their order's state. A row trigger runs before the statement-level fence on
-- orders, which therefore counts with the lines already in their new state.
CREATE OR REPLACE FUNCTION lanyard_order_state_to_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE order_lines SET order_status = NEW.status, order_hold_expires_at = NEW.hold_expires_at
  WHERE order_id = NEW.id;
  RETURN NULL;
END
$$;
