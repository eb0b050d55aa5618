-- Aggregates without shared hot rows (issue 9): writers only append signed rows to report_count_deltas in their own
-- transaction (a trigger on reports, so plain SQL INSERT/UPDATE/DELETE on reports is counted too); the aggregates
-- fold (server/platform/aggregates/) moves a bounded batch of them into the *_folded rollups and deletes them in one
-- statement; each rollup is read through a view of the same name as before = folded + not yet folded, so every
-- count is exact at every moment and no two writers ever wait on one row.
--
-- For each rollup NAME: NAME_folded (table, written only by the fold), NAME_unfolded (view: the deltas as rows of
-- the rollup, with delta_id), NAME (view: NAME_folded UNION ALL NAME_unfolded; a row is a summand, not a key).
CREATE TABLE "report_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"category_id" uuid NOT NULL,
	"status" text NOT NULL,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"reopenings" integer DEFAULT 0 NOT NULL,
	"map_lat" double precision,
	"map_lng" double precision
);
--> statement-breakpoint
-- The rollups kept in place by every writer until now: their rows stay, as the folded part.
DROP TRIGGER IF EXISTS report_stats_monthly_sync ON report_stats_daily;
--> statement-breakpoint
DROP FUNCTION IF EXISTS report_stats_monthly_apply();
--> statement-breakpoint
DROP TRIGGER IF EXISTS report_map_cells_insert_delete ON reports;
--> statement-breakpoint
DROP TRIGGER IF EXISTS report_map_cells_update ON reports;
--> statement-breakpoint
DROP FUNCTION IF EXISTS report_map_cells_apply();
--> statement-breakpoint
DROP FUNCTION IF EXISTS report_map_cells_rebuild(uuid);
--> statement-breakpoint
ALTER TABLE "report_stats_daily" RENAME TO "report_stats_daily_folded";
--> statement-breakpoint
ALTER TABLE "report_stats_monthly" RENAME TO "report_stats_monthly_folded";
--> statement-breakpoint
ALTER TABLE "report_map_cells" RENAME TO "report_map_cells_folded";
--> statement-breakpoint
-- The Vietnamese day a report was received on (UTC+7, no daylight saving: as vnDate() in platform/calendar.ts).
CREATE OR REPLACE FUNCTION report_count_day(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT ((at AT TIME ZONE 'UTC') + interval '7 hours')::date $$;
--> statement-breakpoint
-- Appends what a change of a report moves in the counts: its counted state before (-1) and after (+1). Public map
-- positions only for reports the public sees (screened, not spam, not withdrawn: feedback-public/visibility.ts).
CREATE OR REPLACE FUNCTION report_count_deltas_append() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  sign int;
  on_map boolean;
BEGIN
  FOR sign IN SELECT unnest(ARRAY[-1, 1]) LOOP
    IF sign = -1 THEN
      IF TG_OP = 'INSERT' THEN CONTINUE; END IF;
      r := OLD;
    ELSE
      IF TG_OP = 'DELETE' THEN CONTINUE; END IF;
      r := NEW;
    END IF;
    on_map := r.map_lat IS NOT NULL AND r.map_lng IS NOT NULL
      AND (r.status IN ('distributed', 'resolved') OR (r.status = 'cancelled' AND r.cancel_reason IS DISTINCT FROM 'spam'
      AND r.cancel_reason IS DISTINCT FROM 'withdrawn'));
    INSERT INTO report_count_deltas (day, commune_code, unit_path, category_id, status, cancel_reason, reports,
      resolved_on_time, rating_sum, rating_count, reopenings, map_lat, map_lng)
    VALUES (report_count_day(r.created_at), r.commune_code, r.unit_path, r.category_id, r.status,
      coalesce(r.cancel_reason, ''), sign, CASE WHEN r.resolved_on_time THEN sign ELSE 0 END,
      sign * coalesce(r.rating, 0), CASE WHEN r.rating IS NOT NULL THEN sign ELSE 0 END, sign * r.reopen_count,
      CASE WHEN on_map THEN r.map_lat END, CASE WHEN on_map THEN r.map_lng END);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_count_deltas_insert_delete AFTER INSERT OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION report_count_deltas_append();
--> statement-breakpoint
-- lat and lng are listed because the BEFORE trigger reports_map_position moves map_lat/map_lng when they change
-- (UPDATE OF fires only for columns the statement itself sets).
CREATE TRIGGER report_count_deltas_update
  AFTER UPDATE OF created_at, commune_code, unit_path, category_id, status, cancel_reason, resolved_on_time, rating,
    reopen_count, lat, lng, map_lat, map_lng ON reports
  FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.commune_code IS DISTINCT FROM NEW.commune_code
    OR OLD.unit_path IS DISTINCT FROM NEW.unit_path OR OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.cancel_reason IS DISTINCT FROM NEW.cancel_reason
    OR OLD.resolved_on_time IS DISTINCT FROM NEW.resolved_on_time OR OLD.rating IS DISTINCT FROM NEW.rating
    OR OLD.reopen_count IS DISTINCT FROM NEW.reopen_count OR OLD.map_lat IS DISTINCT FROM NEW.map_lat
    OR OLD.map_lng IS DISTINCT FROM NEW.map_lng)
  EXECUTE FUNCTION report_count_deltas_append();
--> statement-breakpoint
-- The deltas as rows of each rollup (what the fold adds, and what the exact views add to the folded rows).
CREATE VIEW report_stats_daily_unfolded AS
  SELECT d.id AS delta_id, d.day, d.commune_code, d.unit_path, d.category_id, d.status, d.cancel_reason, d.reports,
    d.resolved_on_time, d.rating_sum, d.rating_count, d.reopenings
  FROM report_count_deltas d;
--> statement-breakpoint
-- Each delta counts in its month for its unit path and every path above it ("19", "19/05569", ...).
CREATE VIEW report_stats_monthly_unfolded AS
  SELECT d.id AS delta_id, date_trunc('month', d.day::timestamp)::date AS month,
    array_to_string(p.parts[1:i], '/') AS unit_path, d.category_id, d.status, d.cancel_reason, d.reports,
    d.resolved_on_time, d.rating_sum, d.rating_count, d.reopenings
  FROM report_count_deltas d
  CROSS JOIN LATERAL (SELECT string_to_array(d.unit_path, '/') AS parts) p
  CROSS JOIN LATERAL generate_series(1, array_length(p.parts, 1)) AS i;
--> statement-breakpoint
-- The grid cells of each map level (MAP_CELL_LEVELS in server/modules/feedback-public/map-repo.ts).
CREATE VIEW report_map_cells_unfolded AS
  SELECT d.id AS delta_id, l.level::smallint AS level, floor(d.map_lat / map_cell_degrees(l.level))::int AS cy,
    floor(d.map_lng / map_cell_degrees(l.level))::int AS cx, d.category_id,
    CASE WHEN d.status = 'distributed' THEN d.reports ELSE 0 END AS distributed,
    CASE WHEN d.status = 'resolved' THEN d.reports ELSE 0 END AS resolved,
    CASE WHEN d.status = 'cancelled' THEN d.reports ELSE 0 END AS cancelled,
    CASE WHEN d.status = 'distributed' THEN d.reports * d.map_lat ELSE 0 END AS lat_distributed,
    CASE WHEN d.status = 'distributed' THEN d.reports * d.map_lng ELSE 0 END AS lng_distributed,
    CASE WHEN d.status = 'resolved' THEN d.reports * d.map_lat ELSE 0 END AS lat_resolved,
    CASE WHEN d.status = 'resolved' THEN d.reports * d.map_lng ELSE 0 END AS lng_resolved,
    CASE WHEN d.status = 'cancelled' THEN d.reports * d.map_lat ELSE 0 END AS lat_cancelled,
    CASE WHEN d.status = 'cancelled' THEN d.reports * d.map_lng ELSE 0 END AS lng_cancelled
  FROM report_count_deltas d CROSS JOIN (VALUES (13), (15), (17)) AS l(level)
  WHERE d.map_lat IS NOT NULL AND d.map_lng IS NOT NULL;
--> statement-breakpoint
-- The exact rollups, under the names readers have always used.
CREATE VIEW report_stats_daily AS
  SELECT day, commune_code, unit_path, category_id, status, cancel_reason, reports, resolved_on_time, rating_sum,
    rating_count, reopenings FROM report_stats_daily_folded
  UNION ALL
  SELECT day, commune_code, unit_path, category_id, status, cancel_reason, reports, resolved_on_time, rating_sum,
    rating_count, reopenings FROM report_stats_daily_unfolded;
--> statement-breakpoint
CREATE VIEW report_stats_monthly AS
  SELECT month, unit_path, category_id, status, cancel_reason, reports, resolved_on_time, rating_sum, rating_count,
    reopenings FROM report_stats_monthly_folded
  UNION ALL
  SELECT month, unit_path, category_id, status, cancel_reason, reports, resolved_on_time, rating_sum, rating_count,
    reopenings FROM report_stats_monthly_unfolded;
--> statement-breakpoint
CREATE VIEW report_map_cells AS
  SELECT level, cy, cx, category_id, distributed, resolved, cancelled, lat_distributed, lng_distributed, lat_resolved,
    lng_resolved, lat_cancelled, lng_cancelled FROM report_map_cells_folded
  UNION ALL
  SELECT level, cy, cx, category_id, distributed, resolved, cancelled, lat_distributed, lng_distributed, lat_resolved,
    lng_resolved, lat_cancelled, lng_cancelled FROM report_map_cells_unfolded;
--> statement-breakpoint
-- A category that becomes (or stops being) sensitive moves its reports' public positions; the delta trigger records
-- the moves of their map cells like any other change.
CREATE OR REPLACE FUNCTION feedback_categories_map_sensitivity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reports SET map_lat = map_position(lat, NEW.sensitive), map_lng = map_position(lng, NEW.sensitive)
    WHERE category_id = NEW.id AND lat IS NOT NULL AND lng IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every count computed again from the reports (after a bulk load with the delta triggers disabled, or to repair).
-- Takes the deltas table exclusively for its transaction: writers and folds wait, readers do not.
CREATE OR REPLACE FUNCTION report_counts_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_count_deltas IN EXCLUSIVE MODE;
  DELETE FROM report_count_deltas;
  DELETE FROM report_stats_daily_folded;
  DELETE FROM report_stats_monthly_folded;
  DELETE FROM report_map_cells_folded;
  INSERT INTO report_stats_daily_folded (day, commune_code, unit_path, category_id, status, cancel_reason, reports,
    resolved_on_time, rating_sum, rating_count, reopenings)
  SELECT report_count_day(r.created_at), r.commune_code, min(r.unit_path), r.category_id, r.status,
    coalesce(r.cancel_reason, ''), count(*), count(*) FILTER (WHERE r.resolved_on_time),
    coalesce(sum(r.rating), 0), count(r.rating), sum(r.reopen_count)
  FROM reports r GROUP BY 1, 2, 4, 5, 6;
  INSERT INTO report_stats_monthly_folded (month, unit_path, category_id, status, cancel_reason, reports,
    resolved_on_time, rating_sum, rating_count, reopenings)
  SELECT date_trunc('month', d.day::timestamp)::date, array_to_string(p.parts[1:i], '/'), d.category_id, d.status,
    d.cancel_reason, sum(d.reports), sum(d.resolved_on_time), sum(d.rating_sum), sum(d.rating_count),
    sum(d.reopenings)
  FROM report_stats_daily_folded d
  CROSS JOIN LATERAL (SELECT string_to_array(d.unit_path, '/') AS parts) p
  CROSS JOIN LATERAL generate_series(1, array_length(p.parts, 1)) AS i
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO report_map_cells_folded (level, cy, cx, category_id, distributed, resolved, cancelled, lat_distributed,
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
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
END $$;
