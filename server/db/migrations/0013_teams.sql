CREATE TABLE "team_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text NOT NULL,
	"teams" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_counts_folded" (
	"team_id" uuid NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"commune_code" text NOT NULL,
	"hamlet_code" text NOT NULL,
	"teams" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "team_counts_folded_pk" PRIMARY KEY("team_id","organisation")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"phone" text NOT NULL,
	"organisation" text NOT NULL,
	"role" text NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hamlet_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"dissolved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_hamlet_code_units_code_fk" FOREIGN KEY ("hamlet_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_commune_code_units_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_counts_folded_commune_idx" ON "team_counts_folded" USING btree ("commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_one_phone_per_team" ON "team_members" USING btree ("team_id","phone") WHERE "team_members"."left_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_one_leader_per_team" ON "team_members" USING btree ("team_id") WHERE "team_members"."left_on" is null and "team_members"."role" = 'leader';--> statement-breakpoint
CREATE INDEX "team_members_team_idx" ON "team_members" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_one_active_per_hamlet" ON "teams" USING btree ("hamlet_code") WHERE "teams"."dissolved_on" is null;--> statement-breakpoint
CREATE INDEX "teams_commune_idx" ON "teams" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "teams_path_idx" ON "teams" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
-- Coverage counts without shared hot rows (platform/aggregates): a team counts while it is not dissolved, a member
-- while they have not left. Each change appends its counted state before (-1) and after (+1), only when that state
-- moved (a renamed team or a corrected phone appends nothing).
CREATE OR REPLACE FUNCTION team_count_deltas_from_teams() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.dissolved_on IS NULL
     AND (TG_OP = 'DELETE' OR NEW.dissolved_on IS NOT NULL OR NEW.hamlet_code <> OLD.hamlet_code) THEN
    INSERT INTO team_count_deltas (team_id, organisation, commune_code, hamlet_code, teams)
    VALUES (OLD.id, '', OLD.commune_code, OLD.hamlet_code, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.dissolved_on IS NULL
     AND (TG_OP = 'INSERT' OR OLD.dissolved_on IS NOT NULL OR NEW.hamlet_code <> OLD.hamlet_code) THEN
    INSERT INTO team_count_deltas (team_id, organisation, commune_code, hamlet_code, teams)
    VALUES (NEW.id, '', NEW.commune_code, NEW.hamlet_code, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER team_count_deltas_append AFTER INSERT OR UPDATE OR DELETE ON teams
  FOR EACH ROW EXECUTE FUNCTION team_count_deltas_from_teams();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION team_count_deltas_from_members() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved boolean := TG_OP <> 'UPDATE' OR NEW.team_id <> OLD.team_id OR NEW.organisation <> OLD.organisation
    OR (NEW.left_on IS NULL) <> (OLD.left_on IS NULL);
BEGIN
  IF NOT moved THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' AND OLD.left_on IS NULL THEN
    INSERT INTO team_count_deltas (team_id, organisation, commune_code, hamlet_code, members)
    SELECT t.id, OLD.organisation, t.commune_code, t.hamlet_code, -1 FROM teams t WHERE t.id = OLD.team_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.left_on IS NULL THEN
    INSERT INTO team_count_deltas (team_id, organisation, commune_code, hamlet_code, members)
    SELECT t.id, NEW.organisation, t.commune_code, t.hamlet_code, 1 FROM teams t WHERE t.id = NEW.team_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER team_count_deltas_append AFTER INSERT OR UPDATE OR DELETE ON team_members
  FOR EACH ROW EXECUTE FUNCTION team_count_deltas_from_members();
--> statement-breakpoint
CREATE VIEW team_counts_unfolded AS
  SELECT d.id AS delta_id, d.team_id, d.organisation, d.commune_code, d.hamlet_code, d.teams, d.members
  FROM team_count_deltas d;
--> statement-breakpoint
CREATE VIEW team_counts AS
  SELECT team_id, organisation, commune_code, hamlet_code, teams, members FROM team_counts_folded
  UNION ALL
  SELECT team_id, organisation, commune_code, hamlet_code, teams, members FROM team_counts_unfolded;
