CREATE TABLE "campaign_commune_targets" (
	"campaign_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"service_id" uuid NOT NULL,
	"action" text NOT NULL,
	"target" integer NOT NULL,
	CONSTRAINT "campaign_commune_targets_campaign_id_commune_code_service_id_action_pk" PRIMARY KEY("campaign_id","commune_code","service_id","action")
);
--> statement-breakpoint
CREATE TABLE "campaign_focus" (
	"campaign_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_focus_campaign_id_service_id_pk" PRIMARY KEY("campaign_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_metrics" (
	"campaign_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"action" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_metrics_campaign_id_service_id_action_pk" PRIMARY KEY("campaign_id","service_id","action")
);
--> statement-breakpoint
CREATE TABLE "campaign_team_targets" (
	"campaign_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"service_id" uuid NOT NULL,
	"action" text NOT NULL,
	"target" integer NOT NULL,
	CONSTRAINT "campaign_team_targets_campaign_id_team_id_service_id_action_pk" PRIMARY KEY("campaign_id","team_id","service_id","action")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"title" text NOT NULL,
	"what_to_do" text DEFAULT '' NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hamlet_households" (
	"hamlet_code" text PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"households" integer NOT NULL,
	"as_of" date NOT NULL,
	"source" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_commune_targets" ADD CONSTRAINT "campaign_commune_targets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_commune_targets" ADD CONSTRAINT "campaign_commune_targets_commune_code_units_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_focus" ADD CONSTRAINT "campaign_focus_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_focus" ADD CONSTRAINT "campaign_focus_service_id_catalog_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalog_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_service_id_catalog_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalog_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_team_targets" ADD CONSTRAINT "campaign_team_targets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_team_targets" ADD CONSTRAINT "campaign_team_targets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_province_code_units_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hamlet_households" ADD CONSTRAINT "hamlet_households_hamlet_code_units_code_fk" FOREIGN KEY ("hamlet_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hamlet_households" ADD CONSTRAINT "hamlet_households_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_team_targets_commune_idx" ON "campaign_team_targets" USING btree ("campaign_id","commune_code");--> statement-breakpoint
CREATE INDEX "campaigns_province_idx" ON "campaigns" USING btree ("province_code","from_month");--> statement-breakpoint
CREATE INDEX "hamlet_households_commune_idx" ON "hamlet_households" USING btree ("commune_code");