-- `units` more for `id` in a counts map such as {"<ticket type id>": 3}; null is the empty map.
CREATE OR REPLACE FUNCTION lanyard_add_units(counted jsonb, id text, units numeric) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN (CASE WHEN jsonb_typeof(counted) = 'object' THEN counted ELSE '{}'::jsonb END)
    || jsonb_build_object(id, coalesce((counted ->> id)::numeric, 0) + units);
END
$$;
