CREATE TABLE "activity_province_months_folded" (
	"province_code" text NOT NULL,
	"month" date NOT NULL,
	"activities" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_province_months_folded_pk" PRIMARY KEY("province_code","month")
);
--> statement-breakpoint
CREATE TABLE "activity_province_services_folded" (
	"province_code" text NOT NULL,
	"month" date NOT NULL,
	"service_id" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"item_people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_province_services_folded_pk" PRIMARY KEY("province_code","month","service_id","action","outcome")
);
--> statement-breakpoint
-- Per-province rollups of the activity counts (platform/aggregates, activities/activity-counts.ts). The deltas carry the
-- commune; its province comes from the units table in the unfolded views (a commune's province never changes).
CREATE VIEW activity_province_months_unfolded AS
  SELECT d.id AS delta_id, u.province_code, d.month, d.activities, d.households, d.people, d.minutes
  FROM activity_count_deltas d JOIN units u ON u.code = d.commune_code WHERE d.kind = 'activity';
--> statement-breakpoint
CREATE VIEW activity_province_months AS
  SELECT province_code, month, activities, households, people, minutes FROM activity_province_months_folded
  UNION ALL
  SELECT province_code, month, activities, households, people, minutes FROM activity_province_months_unfolded;
--> statement-breakpoint
CREATE VIEW activity_province_services_unfolded AS
  SELECT d.id AS delta_id, u.province_code, d.month, d.service_id, d.action, d.outcome, d.items, d.item_people
  FROM activity_count_deltas d JOIN units u ON u.code = d.commune_code WHERE d.kind = 'item';
--> statement-breakpoint
CREATE VIEW activity_province_services AS
  SELECT province_code, month, service_id, action, outcome, items, item_people FROM activity_province_services_folded
  UNION ALL
  SELECT province_code, month, service_id, action, outcome, items, item_people FROM activity_province_services_unfolded;
--> statement-breakpoint
-- What is folded already moves up from the communes' rollups (what is not is in the deltas, seen by the views).
INSERT INTO activity_province_months_folded (province_code, month, activities, households, people, minutes)
  SELECT u.province_code, f.month, sum(f.activities), sum(f.households), sum(f.people), sum(f.minutes)
  FROM activity_commune_months_folded f JOIN units u ON u.code = f.commune_code
  GROUP BY u.province_code, f.month;
--> statement-breakpoint
INSERT INTO activity_province_services_folded (province_code, month, service_id, action, outcome, items, item_people)
  SELECT u.province_code, f.month, f.service_id, f.action, f.outcome, sum(f.items), sum(f.item_people)
  FROM activity_commune_services_folded f JOIN units u ON u.code = f.commune_code
  GROUP BY u.province_code, f.month, f.service_id, f.action, f.outcome;
