CREATE TABLE "course_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"category" text NOT NULL,
	"unit_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_version" integer,
	CONSTRAINT "course_enrolments_course_user_key" UNIQUE("course_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "learners" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"unit_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"first_enrolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"course_id" uuid,
	"category" text NOT NULL,
	"commune_code" text NOT NULL,
	"month" date NOT NULL,
	"learners" integer DEFAULT 0 NOT NULL,
	"enrolments" integer DEFAULT 0 NOT NULL,
	"completions" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_course_months_folded" (
	"course_id" uuid NOT NULL,
	"category" text NOT NULL,
	"commune_code" text NOT NULL,
	"month" date NOT NULL,
	"enrolments" integer DEFAULT 0 NOT NULL,
	"completions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "learning_course_months_folded_pk" PRIMARY KEY("course_id","category","commune_code","month")
);
--> statement-breakpoint
CREATE TABLE "learning_learner_months_folded" (
	"category" text NOT NULL,
	"commune_code" text NOT NULL,
	"month" date NOT NULL,
	"learners" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "learning_learner_months_folded_pk" PRIMARY KEY("category","commune_code","month")
);
--> statement-breakpoint
CREATE TABLE "lesson_progress" (
	"enrolment_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_progress_pk" PRIMARY KEY("enrolment_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_attempts_enrolment_attempt_key" UNIQUE("enrolment_id","attempt_no")
);
--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learners" ADD CONSTRAINT "learners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_enrolment_id_course_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."course_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_enrolment_id_course_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."course_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_enrolments_user_idx" ON "course_enrolments" USING btree ("user_id","enrolled_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "learners_path_idx" ON "learners" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "learning_course_months_folded_commune_idx" ON "learning_course_months_folded" USING btree ("commune_code","month");--> statement-breakpoint
-- Learning counts without shared hot rows (platform/aggregates). A learner's first enrolment, an enrolment and a
-- completion are appended as signed rows (the state before -1, after +1, only when it moved) by the month they
-- happened in Vietnam (UTC+7).
CREATE OR REPLACE FUNCTION learning_month(ts timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT date_trunc('month', (ts AT TIME ZONE 'UTC') + interval '7 hours')::date $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION learning_count_deltas_from_learners() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.category = OLD.category AND NEW.commune_code = OLD.commune_code
     AND learning_month(NEW.first_enrolled_at) = learning_month(OLD.first_enrolled_at) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO learning_count_deltas (kind, category, commune_code, month, learners)
    VALUES ('learner', OLD.category, OLD.commune_code, learning_month(OLD.first_enrolled_at), -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO learning_count_deltas (kind, category, commune_code, month, learners)
    VALUES ('learner', NEW.category, NEW.commune_code, learning_month(NEW.first_enrolled_at), 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_count_deltas_append AFTER INSERT OR UPDATE OR DELETE ON learners
  FOR EACH ROW EXECUTE FUNCTION learning_count_deltas_from_learners();
--> statement-breakpoint
-- An enrolment counts in the month it was made; its completion in the month it completed (same course, category
-- and commune). Marking one complete appends one row: +1 completion.
CREATE OR REPLACE FUNCTION learning_count_deltas_from_enrolments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved boolean := TG_OP <> 'UPDATE' OR NEW.course_id <> OLD.course_id OR NEW.category <> OLD.category
    OR NEW.commune_code <> OLD.commune_code OR learning_month(NEW.enrolled_at) <> learning_month(OLD.enrolled_at);
  completion_moved boolean := moved OR (NEW.completed_at IS NULL) <> (OLD.completed_at IS NULL)
    OR learning_month(NEW.completed_at) IS DISTINCT FROM learning_month(OLD.completed_at);
BEGIN
  IF TG_OP <> 'INSERT' AND moved THEN
    INSERT INTO learning_count_deltas (kind, course_id, category, commune_code, month, enrolments)
    VALUES ('course', OLD.course_id, OLD.category, OLD.commune_code, learning_month(OLD.enrolled_at), -1);
  END IF;
  IF TG_OP <> 'INSERT' AND completion_moved AND OLD.completed_at IS NOT NULL THEN
    INSERT INTO learning_count_deltas (kind, course_id, category, commune_code, month, completions)
    VALUES ('course', OLD.course_id, OLD.category, OLD.commune_code, learning_month(OLD.completed_at), -1);
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN NULL; END IF;
  IF moved THEN
    INSERT INTO learning_count_deltas (kind, course_id, category, commune_code, month, enrolments)
    VALUES ('course', NEW.course_id, NEW.category, NEW.commune_code, learning_month(NEW.enrolled_at), 1);
  END IF;
  IF completion_moved AND NEW.completed_at IS NOT NULL THEN
    INSERT INTO learning_count_deltas (kind, course_id, category, commune_code, month, completions)
    VALUES ('course', NEW.course_id, NEW.category, NEW.commune_code, learning_month(NEW.completed_at), 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_count_deltas_append AFTER INSERT OR UPDATE OR DELETE ON course_enrolments
  FOR EACH ROW EXECUTE FUNCTION learning_count_deltas_from_enrolments();
--> statement-breakpoint
CREATE VIEW learning_learner_months_unfolded AS
  SELECT d.id AS delta_id, d.category, d.commune_code, d.month, d.learners
  FROM learning_count_deltas d WHERE d.kind = 'learner';
--> statement-breakpoint
CREATE VIEW learning_learner_months AS
  SELECT category, commune_code, month, learners FROM learning_learner_months_folded
  UNION ALL
  SELECT category, commune_code, month, learners FROM learning_learner_months_unfolded;
--> statement-breakpoint
CREATE VIEW learning_course_months_unfolded AS
  SELECT d.id AS delta_id, d.course_id, d.category, d.commune_code, d.month, d.enrolments, d.completions
  FROM learning_count_deltas d WHERE d.kind = 'course';
--> statement-breakpoint
CREATE VIEW learning_course_months AS
  SELECT course_id, category, commune_code, month, enrolments, completions FROM learning_course_months_folded
  UNION ALL
  SELECT course_id, category, commune_code, month, enrolments, completions FROM learning_course_months_unfolded;
