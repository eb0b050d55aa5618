CREATE TABLE "indicator_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"month" date NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"value" double precision,
	"numerator" double precision,
	"denominator" double precision,
	"note" text,
	"reason" text,
	"current" boolean DEFAULT true NOT NULL,
	"superseded_by" uuid,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text,
	CONSTRAINT "indicator_entries_figure_check" CHECK (("indicator_entries"."value" is not null and "indicator_entries"."numerator" is null and "indicator_entries"."denominator" is null) or
        ("indicator_entries"."value" is null and "indicator_entries"."numerator" is not null and "indicator_entries"."denominator" is not null and "indicator_entries"."numerator" <= "indicator_entries"."denominator"))
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"from_month" date NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_entries" ADD CONSTRAINT "indicator_entries_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_entries" ADD CONSTRAINT "indicator_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_entries_current_key" ON "indicator_entries" USING btree ("indicator","unit_code","month","subject") WHERE "indicator_entries"."current";--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_entries_idempotency_key" ON "indicator_entries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "indicator_entries_lookup_idx" ON "indicator_entries" USING btree ("indicator","month","unit_code");--> statement-breakpoint
CREATE INDEX "indicator_entries_path_idx" ON "indicator_entries" USING btree ("unit_path" text_pattern_ops,"month");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_key" ON "indicator_targets" USING btree ("indicator","unit_code","from_month","subject");