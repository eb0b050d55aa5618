CREATE TABLE "support_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"commune_code" text,
	"body" text NOT NULL,
	"body_fold" text GENERATED ALWAYS AS (vn_fold(body)) STORED,
	"accepted" boolean DEFAULT false NOT NULL,
	"accepted_at" timestamp with time zone,
	"idempotency_key" text,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_answers_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "support_question_services" (
	"question_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	CONSTRAINT "support_question_services_pk" PRIMARY KEY("question_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "support_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"commune_code" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"search_fold" text GENERATED ALWAYS AS (vn_fold(title || ' ' || body)) STORED,
	"status" text DEFAULT 'open' NOT NULL,
	"idempotency_key" text,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_questions_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "support_answers" ADD CONSTRAINT "support_answers_question_id_support_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."support_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_answers" ADD CONSTRAINT "support_answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_question_services" ADD CONSTRAINT "support_question_services_question_id_support_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."support_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_question_services" ADD CONSTRAINT "support_question_services_service_id_catalog_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalog_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_questions" ADD CONSTRAINT "support_questions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_answers_question_idx" ON "support_answers" USING btree ("question_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "support_answers_one_accepted" ON "support_answers" USING btree ("question_id") WHERE "support_answers"."accepted";--> statement-breakpoint
CREATE INDEX "support_answers_fold_trgm_idx" ON "support_answers" USING gin ("body_fold" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "support_question_services_service_idx" ON "support_question_services" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "support_questions_province_idx" ON "support_questions" USING btree ("province_code","created_at","id");--> statement-breakpoint
CREATE INDEX "support_questions_author_idx" ON "support_questions" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "support_questions_fold_trgm_idx" ON "support_questions" USING gin ("search_fold" gin_trgm_ops);