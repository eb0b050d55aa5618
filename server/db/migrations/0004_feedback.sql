CREATE TABLE "feedback_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"province_code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"description_vi" text,
	"description_en" text,
	"icon" text DEFAULT 'other' NOT NULL,
	"default_handling_unit_id" uuid,
	"deadline_working_days" integer,
	"deadline_hours" integer,
	"sensitive" boolean DEFAULT false NOT NULL,
	"extra_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_kind" text NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"from_handling_unit_id" uuid,
	"to_handling_unit_id" uuid,
	"reason" text,
	"public" boolean DEFAULT true NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "report_followers" (
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_followers_report_id_user_id_pk" PRIMARY KEY("report_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "report_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text DEFAULT 'report' NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"visibility" text DEFAULT 'pending' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_stats_daily" (
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
	CONSTRAINT "report_stats_daily_day_commune_code_category_id_status_cancel_reason_pk" PRIMARY KEY("day","commune_code","category_id","status","cancel_reason")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"public_code" text NOT NULL,
	"idempotency_key" text,
	"category_id" uuid NOT NULL,
	"description" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"cancel_reason" text,
	"duplicate_of" uuid,
	"emergency" boolean DEFAULT false NOT NULL,
	"channel" text DEFAULT 'app' NOT NULL,
	"reporter_id" uuid,
	"submitted_by" uuid,
	"reporter_name" text,
	"reporter_phone" text,
	"consent_recorded_at" timestamp with time zone,
	"show_name" boolean DEFAULT false NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"province_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text,
	"unit_path" text NOT NULL,
	"handling_unit_id" uuid,
	"due_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_on_time" boolean,
	"answer_text" text,
	"answered_by" uuid,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_public_code_unique" UNIQUE("public_code"),
	CONSTRAINT "reports_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"commune_code" text,
	"handling_unit_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"province_code" text NOT NULL,
	"date" date NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"compensatory" boolean DEFAULT false NOT NULL,
	CONSTRAINT "holidays_province_code_date_pk" PRIMARY KEY("province_code","date")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"actor_id" text,
	"scope" text NOT NULL,
	"resource_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"done_at" timestamp with time zone,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"report_id" uuid,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"body_vi" text,
	"body_en" text,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "report_followers_user_idx" ON "report_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "report_photos_report_idx" ON "report_photos" USING btree ("report_id","position");--> statement-breakpoint
CREATE INDEX "report_stats_path_idx" ON "report_stats_daily" USING btree ("unit_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "reports_unit_path_idx" ON "reports" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "reports_inbox_idx" ON "reports" USING btree ("handling_unit_id","status","due_at");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reports_reporter_idx" ON "reports" USING btree ("reporter_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_category_idx" ON "reports" USING btree ("category_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_lat_lng_idx" ON "reports" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "reports_text_trgm_idx" ON "reports" USING gin (vn_fold("description") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rules_unique" ON "routing_rules" USING btree ("category_id",coalesce("commune_code", ''));--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."done_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");