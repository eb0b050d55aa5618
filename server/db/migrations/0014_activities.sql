CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"team_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"occurred_on" date NOT NULL,
	"duration_minutes" integer,
	"lat" double precision,
	"lng" double precision,
	"households" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"note" text,
	"report_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"corrected_by" uuid,
	"corrected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "activity_commune_months_folded" (
	"commune_code" text NOT NULL,
	"month" date NOT NULL,
	"activities" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_commune_months_folded_pk" PRIMARY KEY("commune_code","month")
);
--> statement-breakpoint
CREATE TABLE "activity_commune_services_folded" (
	"commune_code" text NOT NULL,
	"month" date NOT NULL,
	"service_id" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"item_people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_commune_services_folded_pk" PRIMARY KEY("commune_code","month","service_id","action","outcome")
);
--> statement-breakpoint
CREATE TABLE "activity_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"team_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text NOT NULL,
	"month" date NOT NULL,
	"service_id" text DEFAULT '' NOT NULL,
	"action" text DEFAULT '' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"activities" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"item_people" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" uuid NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"service_id" uuid,
	"action" text NOT NULL,
	"procedure" text,
	"outcome" text NOT NULL,
	"failure_reason" text,
	"people" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_residents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" uuid NOT NULL,
	"full_name" text,
	"phone" text,
	"birth_year" smallint,
	"consent_purpose" text NOT NULL,
	"consent_recorded_by" uuid NOT NULL,
	"consent_recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_team_months_folded" (
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text NOT NULL,
	"activities" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_team_months_folded_pk" PRIMARY KEY("team_id","month")
);
--> statement-breakpoint
CREATE TABLE "activity_team_services_folded" (
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"service_id" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"item_people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_team_services_folded_pk" PRIMARY KEY("team_id","month","service_id","action","outcome")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_member_id_team_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_items" ADD CONSTRAINT "activity_items_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_residents" ADD CONSTRAINT "activity_residents_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_residents" ADD CONSTRAINT "activity_residents_consent_recorded_by_users_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_author_idx" ON "activities" USING btree ("author_user_id","occurred_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "activities_team_idx" ON "activities" USING btree ("team_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activities_path_idx" ON "activities" USING btree ("unit_path" text_pattern_ops,"occurred_on");--> statement-breakpoint
CREATE INDEX "activity_items_activity_idx" ON "activity_items" USING btree ("activity_id","position");--> statement-breakpoint
CREATE INDEX "activity_residents_activity_idx" ON "activity_residents" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_team_months_folded_commune_idx" ON "activity_team_months_folded" USING btree ("commune_code","month");--> statement-breakpoint
CREATE INDEX "activity_team_services_folded_commune_idx" ON "activity_team_services_folded" USING btree ("commune_code","month");--> statement-breakpoint
-- Activity counts without shared hot rows (platform/aggregates). What an activity counts (one session, its households,
-- people and minutes) and what each item counts (per service, action and outcome) are appended as signed rows: the
-- state before (-1) and after (+1), only when it moved.
CREATE OR REPLACE FUNCTION activity_count_month(day date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT date_trunc('month', day::timestamp)::date $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION activity_count_deltas_from_activities() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved boolean := TG_OP <> 'UPDATE' OR NEW.team_id <> OLD.team_id OR NEW.hamlet_code <> OLD.hamlet_code
    OR NEW.commune_code <> OLD.commune_code
    OR activity_count_month(NEW.occurred_on) <> activity_count_month(OLD.occurred_on);
  counted boolean := moved OR NEW.households <> OLD.households OR NEW.people <> OLD.people
    OR coalesce(NEW.duration_minutes, 0) <> coalesce(OLD.duration_minutes, 0);
BEGIN
  IF TG_OP <> 'INSERT' AND counted THEN
    INSERT INTO activity_count_deltas (kind, team_id, commune_code, hamlet_code, month, activities, households, people, minutes)
    VALUES ('activity', OLD.team_id, OLD.commune_code, OLD.hamlet_code, activity_count_month(OLD.occurred_on),
      -1, -OLD.households, -OLD.people, -coalesce(OLD.duration_minutes, 0));
  END IF;
  -- The items of a deleted or moved activity move with it (a BEFORE DELETE trigger: before the cascade removes them).
  IF TG_OP <> 'INSERT' AND moved THEN
    INSERT INTO activity_count_deltas (kind, team_id, commune_code, hamlet_code, month, service_id, action, outcome, items, item_people)
    SELECT 'item', OLD.team_id, OLD.commune_code, OLD.hamlet_code, activity_count_month(OLD.occurred_on),
      coalesce(i.service_id::text, ''), i.action, i.outcome, -1, -i.people
    FROM activity_items i WHERE i.activity_id = OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  IF counted THEN
    INSERT INTO activity_count_deltas (kind, team_id, commune_code, hamlet_code, month, activities, households, people, minutes)
    VALUES ('activity', NEW.team_id, NEW.commune_code, NEW.hamlet_code, activity_count_month(NEW.occurred_on),
      1, NEW.households, NEW.people, coalesce(NEW.duration_minutes, 0));
  END IF;
  IF TG_OP = 'UPDATE' AND moved THEN
    INSERT INTO activity_count_deltas (kind, team_id, commune_code, hamlet_code, month, service_id, action, outcome, items, item_people)
    SELECT 'item', NEW.team_id, NEW.commune_code, NEW.hamlet_code, activity_count_month(NEW.occurred_on),
      coalesce(i.service_id::text, ''), i.action, i.outcome, 1, i.people
    FROM activity_items i WHERE i.activity_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activity_count_deltas_append AFTER INSERT OR UPDATE ON activities
  FOR EACH ROW EXECUTE FUNCTION activity_count_deltas_from_activities();
--> statement-breakpoint
CREATE TRIGGER activity_count_deltas_on_delete BEFORE DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION activity_count_deltas_from_activities();
--> statement-breakpoint
-- An item counts under its activity's team, place and month. When the activity is gone (deleted: its BEFORE DELETE
-- trigger already counted its items out), nothing is appended.
CREATE OR REPLACE FUNCTION activity_count_deltas_from_items() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.activity_id = OLD.activity_id AND NEW.service_id IS NOT DISTINCT FROM OLD.service_id
     AND NEW.action = OLD.action AND NEW.outcome = OLD.outcome AND NEW.people = OLD.people THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO activity_count_deltas (kind, team_id, commune_code, hamlet_code, month, service_id, action, outcome, items, item_people)
    SELECT 'item', a.team_id, a.commune_code, a.hamlet_code, activity_count_month(a.occurred_on),
      coalesce(OLD.service_id::text, ''), OLD.action, OLD.outcome, -1, -OLD.people
    FROM activities a WHERE a.id = OLD.activity_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO activity_count_deltas (kind, team_id, commune_code, hamlet_code, month, service_id, action, outcome, items, item_people)
    SELECT 'item', a.team_id, a.commune_code, a.hamlet_code, activity_count_month(a.occurred_on),
      coalesce(NEW.service_id::text, ''), NEW.action, NEW.outcome, 1, NEW.people
    FROM activities a WHERE a.id = NEW.activity_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activity_count_deltas_append AFTER INSERT OR UPDATE OR DELETE ON activity_items
  FOR EACH ROW EXECUTE FUNCTION activity_count_deltas_from_items();
--> statement-breakpoint
CREATE VIEW activity_team_months_unfolded AS
  SELECT d.id AS delta_id, d.team_id, d.month, d.commune_code, d.hamlet_code, d.activities, d.households, d.people, d.minutes
  FROM activity_count_deltas d WHERE d.kind = 'activity';
--> statement-breakpoint
CREATE VIEW activity_team_months AS
  SELECT team_id, month, commune_code, hamlet_code, activities, households, people, minutes FROM activity_team_months_folded
  UNION ALL
  SELECT team_id, month, commune_code, hamlet_code, activities, households, people, minutes FROM activity_team_months_unfolded;
--> statement-breakpoint
CREATE VIEW activity_team_services_unfolded AS
  SELECT d.id AS delta_id, d.team_id, d.month, d.service_id, d.action, d.outcome, d.commune_code, d.hamlet_code, d.items, d.item_people
  FROM activity_count_deltas d WHERE d.kind = 'item';
--> statement-breakpoint
CREATE VIEW activity_team_services AS
  SELECT team_id, month, service_id, action, outcome, commune_code, hamlet_code, items, item_people FROM activity_team_services_folded
  UNION ALL
  SELECT team_id, month, service_id, action, outcome, commune_code, hamlet_code, items, item_people FROM activity_team_services_unfolded;
--> statement-breakpoint
CREATE VIEW activity_commune_months_unfolded AS
  SELECT d.id AS delta_id, d.commune_code, d.month, d.activities, d.households, d.people, d.minutes
  FROM activity_count_deltas d WHERE d.kind = 'activity';
--> statement-breakpoint
CREATE VIEW activity_commune_months AS
  SELECT commune_code, month, activities, households, people, minutes FROM activity_commune_months_folded
  UNION ALL
  SELECT commune_code, month, activities, households, people, minutes FROM activity_commune_months_unfolded;
--> statement-breakpoint
CREATE VIEW activity_commune_services_unfolded AS
  SELECT d.id AS delta_id, d.commune_code, d.month, d.service_id, d.action, d.outcome, d.items, d.item_people
  FROM activity_count_deltas d WHERE d.kind = 'item';
--> statement-breakpoint
CREATE VIEW activity_commune_services AS
  SELECT commune_code, month, service_id, action, outcome, items, item_people FROM activity_commune_services_folded
  UNION ALL
  SELECT commune_code, month, service_id, action, outcome, items, item_people FROM activity_commune_services_unfolded;
