DROP INDEX "reports_map_idx";--> statement-breakpoint
DROP INDEX "reports_map_lng_idx";--> statement-breakpoint
CREATE INDEX "reports_map_idx" ON "reports" USING btree ("map_lat","map_lng") WHERE "reports"."status" in ('distributed', 'resolved') or ("reports"."status" = 'cancelled' and "reports"."cancel_reason" is distinct from 'spam' and "reports"."cancel_reason" is distinct from 'withdrawn');--> statement-breakpoint
CREATE INDEX "reports_map_lng_idx" ON "reports" USING btree ("map_lng","map_lat") WHERE "reports"."status" in ('distributed', 'resolved') or ("reports"."status" = 'cancelled' and "reports"."cancel_reason" is distinct from 'spam' and "reports"."cancel_reason" is distinct from 'withdrawn');
-- A report its reporter withdrew before it was screened (cancel_reason 'withdrawn') is never public, like spam. The
-- map's cell rollup leaves it out through migration 0011's delta trigger, which replaces the 0007 triggers.
