CREATE TABLE "report_stats_monthly" (
	"month" date NOT NULL,
	"unit_path" text NOT NULL,
	"category_id" uuid NOT NULL,
	"status" text NOT NULL,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"reopenings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_stats_monthly_pk" PRIMARY KEY("unit_path","month","category_id","status","cancel_reason")
);

--> statement-breakpoint
-- Keeps report_stats_monthly in step with report_stats_daily, in the same transaction: every change to a daily
-- row adds the same delta to its month, for the row's unit path and each path above it.
CREATE OR REPLACE FUNCTION report_stats_monthly_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  sign int;
  parts text[];
  i int;
BEGIN
  FOR sign IN SELECT unnest(ARRAY[-1, 1]) LOOP
    IF sign = -1 THEN
      IF TG_OP = 'INSERT' THEN CONTINUE; END IF;
      r := OLD;
    ELSE
      IF TG_OP = 'DELETE' THEN CONTINUE; END IF;
      r := NEW;
    END IF;
    parts := string_to_array(r.unit_path, '/');
    FOR i IN 1 .. coalesce(array_length(parts, 1), 0) LOOP
      INSERT INTO report_stats_monthly AS m (month, unit_path, category_id, status, cancel_reason, reports,
        resolved_on_time, rating_sum, rating_count, reopenings)
      VALUES (date_trunc('month', r.day)::date, array_to_string(parts[1:i], '/'), r.category_id, r.status,
        r.cancel_reason, sign * r.reports, sign * r.resolved_on_time, sign * r.rating_sum, sign * r.rating_count,
        sign * r.reopenings)
      ON CONFLICT (unit_path, month, category_id, status, cancel_reason) DO UPDATE SET
        reports = m.reports + excluded.reports,
        resolved_on_time = m.resolved_on_time + excluded.resolved_on_time,
        rating_sum = m.rating_sum + excluded.rating_sum,
        rating_count = m.rating_count + excluded.rating_count,
        reopenings = m.reopenings + excluded.reopenings;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_stats_monthly_sync AFTER INSERT OR UPDATE OR DELETE ON report_stats_daily
  FOR EACH ROW EXECUTE FUNCTION report_stats_monthly_apply();
--> statement-breakpoint
-- Rows already in the daily rollup (databases migrated after reports were written).
INSERT INTO report_stats_monthly (month, unit_path, category_id, status, cancel_reason, reports, resolved_on_time,
  rating_sum, rating_count, reopenings)
SELECT date_trunc('month', d.day)::date, array_to_string(p.parts[1:i], '/'), d.category_id, d.status, d.cancel_reason,
  sum(d.reports), sum(d.resolved_on_time), sum(d.rating_sum), sum(d.rating_count), sum(d.reopenings)
FROM report_stats_daily d
CROSS JOIN LATERAL (SELECT string_to_array(d.unit_path, '/') AS parts) p
CROSS JOIN LATERAL generate_series(1, array_length(p.parts, 1)) AS i
GROUP BY 1, 2, 3, 4, 5;
