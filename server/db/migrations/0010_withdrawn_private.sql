DROP INDEX "reports_map_idx";--> statement-breakpoint
DROP INDEX "reports_map_lng_idx";--> statement-breakpoint
CREATE INDEX "reports_map_idx" ON "reports" USING btree ("map_lat","map_lng") WHERE "reports"."status" in ('distributed', 'resolved') or ("reports"."status" = 'cancelled' and "reports"."cancel_reason" is distinct from 'spam' and "reports"."cancel_reason" is distinct from 'withdrawn');--> statement-breakpoint
CREATE INDEX "reports_map_lng_idx" ON "reports" USING btree ("map_lng","map_lat") WHERE "reports"."status" in ('distributed', 'resolved') or ("reports"."status" = 'cancelled' and "reports"."cancel_reason" is distinct from 'spam' and "reports"."cancel_reason" is distinct from 'withdrawn');--> statement-breakpoint
-- A report its reporter withdrew before it was screened (cancel_reason 'withdrawn') is never public, like spam: the
-- map's cell rollup leaves it out (the same rule as server/modules/feedback-public/visibility.ts).
CREATE OR REPLACE FUNCTION report_map_cells_rebuild(only_category uuid) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM report_map_cells WHERE only_category IS NULL OR category_id = only_category;
  INSERT INTO report_map_cells (level, cy, cx, category_id, distributed, resolved, cancelled, lat_distributed,
    lng_distributed, lat_resolved, lng_resolved, lat_cancelled, lng_cancelled)
  SELECT l.level, floor(r.map_lat / map_cell_degrees(l.level))::int, floor(r.map_lng / map_cell_degrees(l.level))::int,
    r.category_id,
    count(*) FILTER (WHERE r.status = 'distributed'), count(*) FILTER (WHERE r.status = 'resolved'),
    count(*) FILTER (WHERE r.status = 'cancelled'),
    coalesce(sum(r.map_lat) FILTER (WHERE r.status = 'distributed'), 0),
    coalesce(sum(r.map_lng) FILTER (WHERE r.status = 'distributed'), 0),
    coalesce(sum(r.map_lat) FILTER (WHERE r.status = 'resolved'), 0),
    coalesce(sum(r.map_lng) FILTER (WHERE r.status = 'resolved'), 0),
    coalesce(sum(r.map_lat) FILTER (WHERE r.status = 'cancelled'), 0),
    coalesce(sum(r.map_lng) FILTER (WHERE r.status = 'cancelled'), 0)
  FROM reports r CROSS JOIN (VALUES (13), (15), (17)) AS l(level)
  WHERE r.map_lat IS NOT NULL AND r.map_lng IS NOT NULL
    AND (r.status IN ('distributed', 'resolved') OR (r.status = 'cancelled' AND r.cancel_reason IS DISTINCT FROM 'spam'
      AND r.cancel_reason IS DISTINCT FROM 'withdrawn'))
    AND (only_category IS NULL OR r.category_id = only_category)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_map_cells_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  sign int;
  lvl int;
  size float8;
BEGIN
  IF current_setting('xaso.map_cells_bulk', true) = 'on' THEN
    RETURN NULL;
  END IF;
  FOR sign IN SELECT unnest(ARRAY[-1, 1]) LOOP
    IF sign = -1 THEN
      IF TG_OP = 'INSERT' THEN CONTINUE; END IF;
      r := OLD;
    ELSE
      IF TG_OP = 'DELETE' THEN CONTINUE; END IF;
      r := NEW;
    END IF;
    CONTINUE WHEN r.map_lat IS NULL OR r.map_lng IS NULL
      OR NOT (r.status IN ('distributed', 'resolved') OR (r.status = 'cancelled' AND r.cancel_reason IS DISTINCT FROM 'spam'
      AND r.cancel_reason IS DISTINCT FROM 'withdrawn'));
    FOREACH lvl IN ARRAY ARRAY[13, 15, 17] LOOP
      size := map_cell_degrees(lvl);
      INSERT INTO report_map_cells AS m (level, cy, cx, category_id, distributed, resolved, cancelled,
        lat_distributed, lng_distributed, lat_resolved, lng_resolved, lat_cancelled, lng_cancelled)
      VALUES (lvl, floor(r.map_lat / size)::int, floor(r.map_lng / size)::int, r.category_id,
        CASE WHEN r.status = 'distributed' THEN sign ELSE 0 END,
        CASE WHEN r.status = 'resolved' THEN sign ELSE 0 END,
        CASE WHEN r.status = 'cancelled' THEN sign ELSE 0 END,
        CASE WHEN r.status = 'distributed' THEN sign * r.map_lat ELSE 0 END,
        CASE WHEN r.status = 'distributed' THEN sign * r.map_lng ELSE 0 END,
        CASE WHEN r.status = 'resolved' THEN sign * r.map_lat ELSE 0 END,
        CASE WHEN r.status = 'resolved' THEN sign * r.map_lng ELSE 0 END,
        CASE WHEN r.status = 'cancelled' THEN sign * r.map_lat ELSE 0 END,
        CASE WHEN r.status = 'cancelled' THEN sign * r.map_lng ELSE 0 END)
      ON CONFLICT (level, cy, cx, category_id) DO UPDATE SET
        distributed = m.distributed + excluded.distributed,
        resolved = m.resolved + excluded.resolved,
        cancelled = m.cancelled + excluded.cancelled,
        lat_distributed = m.lat_distributed + excluded.lat_distributed,
        lng_distributed = m.lng_distributed + excluded.lng_distributed,
        lat_resolved = m.lat_resolved + excluded.lat_resolved,
        lng_resolved = m.lng_resolved + excluded.lng_resolved,
        lat_cancelled = m.lat_cancelled + excluded.lat_cancelled,
        lng_cancelled = m.lng_cancelled + excluded.lng_cancelled;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
-- No report was withdrawn before this migration: the cells need no rebuild.
