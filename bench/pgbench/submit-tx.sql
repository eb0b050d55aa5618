-- The database side of one submission (bench/pgbench/README: how to run): the statements POST /api/reports runs in
-- its transaction, in the same order. :lock = 1 takes the old global advisory lock and numbers by max() + 1 (before
-- migration 0006); :lock = 0 draws the number from the year's sequence (after). The two number different years
-- (24 and 25) so that runs of both on one database do not collide.
\set c random(0, 11)
BEGIN;
SELECT CASE WHEN :lock::int = 1 THEN pg_advisory_xact_lock(4202613)::text END;
SELECT CASE WHEN :lock::int = 1
  THEN (SELECT 'PA-24-' || lpad((coalesce(max(substring(public_code FROM 7)::int), 0) + 1)::text, 6, '0') FROM
        (SELECT public_code FROM reports WHERE public_code BETWEEN 'PA-24-000000' AND 'PA-24-999999'
         ORDER BY public_code DESC LIMIT 1) last)
  ELSE 'PA-25-' || lpad(next_report_code_number('25')::text, 6, '0') END AS code \gset
INSERT INTO reports (public_code, category_id, description, status, channel, province_code, commune_code, unit_path,
  lat, lng, reporter_id, submitted_by)
SELECT :code::text, id, 'Ổ gà lớn giữa đường trước chợ, xe máy dễ ngã.', 'pending', 'app', '19', '05569', '19/05569',
  21.91013, 105.59381, gen_random_uuid(), gen_random_uuid()
FROM feedback_categories WHERE province_code = '19' ORDER BY code OFFSET :c::int LIMIT 1
RETURNING id AS report_id, category_id AS cat \gset
INSERT INTO report_stats_daily AS d (day, commune_code, unit_path, category_id, status, cancel_reason, reports)
VALUES ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, '05569', '19/05569', :cat::uuid, 'pending', '', 1)
ON CONFLICT (day, commune_code, category_id, status, cancel_reason) DO UPDATE SET reports = d.reports + 1;
INSERT INTO report_events (report_id, actor_kind, type, to_status, public) VALUES (:report_id::uuid, 'user', 'submitted', 'pending', true)
RETURNING id AS event_id \gset
INSERT INTO jobs (kind, payload) VALUES ('bench.event', jsonb_build_object('reportId', :report_id::text, 'eventId', :event_id::bigint));
COMMIT;
