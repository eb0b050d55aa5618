CREATE TABLE "catalog_guides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"summary" text,
	"summary_en" text,
	"reviewed_on" date NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"checked_on" date,
	"checked_source" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"province_code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"publisher" text NOT NULL,
	"publisher_en" text,
	"pillar" text NOT NULL,
	"purpose" text NOT NULL,
	"purpose_en" text,
	"published" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_services_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "catalog_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"guide_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"text_en" text,
	"image_key" text,
	"thumb_key" text,
	"image_width" integer,
	"image_height" integer
);
--> statement-breakpoint
ALTER TABLE "catalog_guides" ADD CONSTRAINT "catalog_guides_service_id_catalog_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalog_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_links" ADD CONSTRAINT "catalog_links_service_id_catalog_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalog_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_services" ADD CONSTRAINT "catalog_services_province_code_units_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_steps" ADD CONSTRAINT "catalog_steps_guide_id_catalog_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."catalog_guides"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_guides_service_idx" ON "catalog_guides" USING btree ("service_id","sort_order");--> statement-breakpoint
CREATE INDEX "catalog_links_service_idx" ON "catalog_links" USING btree ("service_id","position");--> statement-breakpoint
CREATE INDEX "catalog_services_province_idx" ON "catalog_services" USING btree ("province_code","pillar","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_steps_guide_position_idx" ON "catalog_steps" USING btree ("guide_id","position");--> statement-breakpoint
-- Hand-written: a link is verified only with both when and where it was checked; kinds and pillars are closed lists.
ALTER TABLE "catalog_links" ADD CONSTRAINT "catalog_links_checked_both" CHECK (("checked_on" IS NULL) = ("checked_source" IS NULL));--> statement-breakpoint
ALTER TABLE "catalog_links" ADD CONSTRAINT "catalog_links_kind_check" CHECK ("kind" IN ('google_play', 'app_store', 'website'));--> statement-breakpoint
ALTER TABLE "catalog_services" ADD CONSTRAINT "catalog_services_pillar_check" CHECK ("pillar" IN ('government', 'economy', 'society'));
