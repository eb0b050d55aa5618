-- Search folds each description once, when it is written, instead of at every search: a stored generated column
-- (vn_fold is IMMUTABLE) with the trigram index on it. Adding it rewrites the table once.
DROP INDEX "reports_text_trgm_idx";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "description_fold" text GENERATED ALWAYS AS (vn_fold(description)) STORED;--> statement-breakpoint
CREATE INDEX "reports_commune_status_idx" ON "reports" USING btree ("commune_code","status","created_at");--> statement-breakpoint
CREATE INDEX "reports_fold_trgm_idx" ON "reports" USING gin ("description_fold" gin_trgm_ops);--> statement-breakpoint
ANALYZE reports;
