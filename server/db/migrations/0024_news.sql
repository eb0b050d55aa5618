CREATE TABLE "news_alert_deliveries" (
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"channel" text,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "news_alert_deliveries_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "news_follows" (
	"user_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"province_code" text NOT NULL,
	"alert_channel" text DEFAULT 'sms' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_follows_user_id_unit_code_pk" PRIMARY KEY("user_id","unit_code")
);
--> statement-breakpoint
CREATE TABLE "news_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"filename" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"variants" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"hazard" text,
	"is_alert" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"summary" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"publish_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_posts_hazard_check" CHECK ("news_posts"."hazard" is null or "news_posts"."is_alert")
);
--> statement-breakpoint
ALTER TABLE "news_alert_deliveries" ADD CONSTRAINT "news_alert_deliveries_post_id_news_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."news_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_alert_deliveries" ADD CONSTRAINT "news_alert_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_follows" ADD CONSTRAINT "news_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_follows" ADD CONSTRAINT "news_follows_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_images" ADD CONSTRAINT "news_images_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_images" ADD CONSTRAINT "news_images_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_follows_unit_user_idx" ON "news_follows" USING btree ("unit_code","user_id");--> statement-breakpoint
CREATE INDEX "news_follows_province_user_idx" ON "news_follows" USING btree ("province_code","user_id");--> statement-breakpoint
CREATE INDEX "news_posts_unit_live_idx" ON "news_posts" USING btree ("unit_code","pinned","publish_at") WHERE "news_posts"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "news_posts_province_live_idx" ON "news_posts" USING btree ("province_code","pinned","publish_at") WHERE "news_posts"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "news_posts_unit_path_idx" ON "news_posts" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "news_posts_idempotency_key_idx" ON "news_posts" USING btree ("idempotency_key");