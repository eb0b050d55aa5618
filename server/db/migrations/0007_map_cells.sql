CREATE TABLE "report_map_cells" (
	"level" smallint NOT NULL,
	"cy" integer NOT NULL,
	"cx" integer NOT NULL,
	"category_id" uuid NOT NULL,
	"distributed" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"lat_distributed" double precision DEFAULT 0 NOT NULL,
	"lng_distributed" double precision DEFAULT 0 NOT NULL,
	"lat_resolved" double precision DEFAULT 0 NOT NULL,
	"lng_resolved" double precision DEFAULT 0 NOT NULL,
	"lat_cancelled" double precision DEFAULT 0 NOT NULL,
	"lng_cancelled" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "report_map_cells_level_cy_cx_category_id_pk" PRIMARY KEY("level","cy","cx","category_id")
);
--> statement-breakpoint
-- Rows are updated in place by every status change: room on each page keeps those updates HOT and the rows of a
-- viewport together.
ALTER TABLE "report_map_cells" SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "map_lat" double precision;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "map_lng" double precision;--> statement-breakpoint
-- Grid cells of the public map: at zoom z the map groups by floor(position / (90 / 2^z)) (a quarter of a 256 px
-- tile). The sizes are exact in binary, so a cell of level z + k is inside exactly one cell of level z.
CREATE OR REPLACE FUNCTION map_cell_degrees(level integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT 90::float8 / (2::float8 ^ level) $$;
--> statement-breakpoint
-- The position the public sees: sensitive categories snapped to a ~500 m grid (0.0045°), as the public views
-- compute it (server/modules/feedback-public/repo.ts, COARSE_DEGREES).
CREATE OR REPLACE FUNCTION map_position(pos double precision, coarse boolean) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN coarse THEN round(pos / 0.0045::float8) * 0.0045::float8 ELSE pos END
$$;
--> statement-breakpoint
UPDATE reports r SET map_lat = map_position(r.lat, c.sensitive), map_lng = map_position(r.lng, c.sensitive)
FROM feedback_categories c WHERE c.id = r.category_id AND r.lat IS NOT NULL AND r.lng IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "reports_map_idx" ON "reports" USING btree ("map_lat","map_lng") WHERE "reports"."status" in ('distributed', 'resolved') or ("reports"."status" = 'cancelled' and "reports"."cancel_reason" is distinct from 'spam');--> statement-breakpoint
CREATE INDEX "reports_map_lng_idx" ON "reports" USING btree ("map_lng","map_lat") WHERE "reports"."status" in ('distributed', 'resolved') or ("reports"."status" = 'cancelled' and "reports"."cancel_reason" is distinct from 'spam');--> statement-breakpoint
-- Every report (or one category's) counted again into report_map_cells: the backfill below, the benchmark
-- generator after a bulk load, and a category that becomes (or stops being) sensitive.
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
    AND (r.status IN ('distributed', 'resolved') OR (r.status = 'cancelled' AND r.cancel_reason IS DISTINCT FROM 'spam'))
    AND (only_category IS NULL OR r.category_id = only_category)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
$$;
--> statement-breakpoint
SELECT report_map_cells_rebuild(NULL);
--> statement-breakpoint
-- Keeps map_lat/map_lng from lat, lng and the category's sensitivity.
CREATE OR REPLACE FUNCTION reports_set_map_position() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  coarse boolean;
BEGIN
  IF NEW.lat IS NULL OR NEW.lng IS NULL THEN
    NEW.map_lat := NULL;
    NEW.map_lng := NULL;
  ELSE
    SELECT sensitive INTO coarse FROM feedback_categories WHERE id = NEW.category_id;
    NEW.map_lat := map_position(NEW.lat, coalesce(coarse, false));
    NEW.map_lng := map_position(NEW.lng, coalesce(coarse, false));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_map_position BEFORE INSERT OR UPDATE OF lat, lng, category_id ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_set_map_position();
--> statement-breakpoint
-- Moves a report between cells of report_map_cells in the writer's transaction: out of its old (level, cell,
-- category, status) when it was public, into its new one when it is. The levels are MAP_CELL_LEVELS in
-- server/modules/feedback-public/repo.ts.
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
      OR NOT (r.status IN ('distributed', 'resolved') OR (r.status = 'cancelled' AND r.cancel_reason IS DISTINCT FROM 'spam'));
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
--> statement-breakpoint
CREATE TRIGGER report_map_cells_insert_delete AFTER INSERT OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION report_map_cells_apply();
--> statement-breakpoint
CREATE TRIGGER report_map_cells_update
  AFTER UPDATE OF status, cancel_reason, category_id, lat, lng, map_lat, map_lng ON reports
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.cancel_reason IS DISTINCT FROM NEW.cancel_reason
    OR OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.map_lat IS DISTINCT FROM NEW.map_lat
    OR OLD.map_lng IS DISTINCT FROM NEW.map_lng)
  EXECUTE FUNCTION report_map_cells_apply();
--> statement-breakpoint
-- A category that becomes (or stops being) sensitive moves its reports' public positions and their cells at once.
CREATE OR REPLACE FUNCTION feedback_categories_map_sensitivity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('xaso.map_cells_bulk', 'on', true);
  UPDATE reports SET map_lat = map_position(lat, NEW.sensitive), map_lng = map_position(lng, NEW.sensitive)
    WHERE category_id = NEW.id AND lat IS NOT NULL AND lng IS NOT NULL;
  PERFORM set_config('xaso.map_cells_bulk', 'off', true);
  PERFORM report_map_cells_rebuild(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER feedback_categories_map_sensitivity AFTER UPDATE OF sensitive ON feedback_categories
  FOR EACH ROW WHEN (OLD.sensitive IS DISTINCT FROM NEW.sensitive)
  EXECUTE FUNCTION feedback_categories_map_sensitivity();
--> statement-breakpoint
-- Statistics for the new column and index, so the first map queries are planned on them.
ANALYZE reports;
--> statement-breakpoint
ANALYZE report_map_cells;
