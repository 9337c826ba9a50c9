-- D2.1 counting without visiting every order (trigger order_lines_take_order_state, BEFORE
-- INSERT OR UPDATE ON order_lines): each line carries its order's status and hold, so counts read
-- one index. Still derived from source rows: no counter, nothing that changes when time passes.
CREATE OR REPLACE FUNCTION lanyard_order_line_takes_order_state() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  state order_status;
  hold timestamptz;
BEGIN
  SELECT o.status, o.hold_expires_at INTO state, hold FROM orders o WHERE o.id = NEW.order_id;
  -- A missing order is the foreign key's to refuse, with its own error.
  IF FOUND THEN
    NEW.order_status := state;
    NEW.order_hold_expires_at := hold;
  END IF;
  RETURN NEW;
END
$$;
