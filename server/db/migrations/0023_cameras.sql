CREATE TABLE "cameras" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"kind" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"snapshot_url" text NOT NULL,
	"stream_url" text,
	"is_public" boolean DEFAULT true NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"down_since" timestamp with time zone,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cameras_kind_check" CHECK ("cameras"."kind" in ('traffic', 'water_level', 'public_place')),
	CONSTRAINT "cameras_lat_check" CHECK ("cameras"."lat" between -90 and 90 and "cameras"."lng" between -180 and 180),
	CONSTRAINT "cameras_error_check" CHECK ("cameras"."last_error" is null or "cameras"."last_error" in ('timeout', 'unreachable', 'http_status', 'redirect', 'too_large', 'not_image'))
);
--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_commune_code_units_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cameras_unit_idx" ON "cameras" USING btree ("unit_path","name");--> statement-breakpoint
CREATE INDEX "cameras_check_idx" ON "cameras" USING btree ("last_checked_at");