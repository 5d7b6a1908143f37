CREATE TABLE "evaluations" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"evaluated_version" bigint DEFAULT 0 NOT NULL,
	"evaluated_at" timestamp with time zone,
	"as_of" date,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "evaluations_org_id_initiative_id_pk" PRIMARY KEY("org_id","initiative_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_health" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"health" text NOT NULL,
	"reported" jsonb,
	"reasons" jsonb NOT NULL,
	"unknowns" jsonb NOT NULL,
	CONSTRAINT "evidence_health_org_id_initiative_id_subject_type_subject_id_pk" PRIMARY KEY("org_id","initiative_id","subject_type","subject_id")
);
--> statement-breakpoint
ALTER TABLE "assumption_tests" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "assumption_tests" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "version" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "metric_points_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "metric_points" DROP CONSTRAINT "metric_points_org_id_initiative_id_metric_id_date_pk";--> statement-breakpoint
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_org_id_initiative_id_metric_id_date_seq_pk" PRIMARY KEY("org_id","initiative_id","metric_id","date","seq");--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "status_reports" ADD COLUMN "evidence" jsonb;--> statement-breakpoint
ALTER TABLE "status_reports" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "status_reports" ADD COLUMN "supersedes_id" text;--> statement-breakpoint
ALTER TABLE "status_reports" ADD COLUMN "correction_reason" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_health" ADD CONSTRAINT "evidence_health_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assumption_tests" ADD CONSTRAINT "assumption_tests_milestone_fk" FOREIGN KEY ("org_id","initiative_id","milestone_id") REFERENCES "public"."milestones"("org_id","initiative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assumptions" ADD CONSTRAINT "assumptions_milestone_fk" FOREIGN KEY ("org_id","initiative_id","milestone_id") REFERENCES "public"."milestones"("org_id","initiative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_requirement_fk" FOREIGN KEY ("org_id","initiative_id","requirement_id") REFERENCES "public"."requirements"("org_id","initiative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_by_fk" FOREIGN KEY ("org_id","by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_authorities" ADD CONSTRAINT "gate_authorities_gate_fk" FOREIGN KEY ("org_id","initiative_id","gate_id") REFERENCES "public"."gates"("org_id","initiative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_metric_fk" FOREIGN KEY ("org_id","initiative_id","metric_id") REFERENCES "public"."metrics"("org_id","initiative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_person_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_by_fk" FOREIGN KEY ("org_id","by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "truths" ADD CONSTRAINT "truths_review_fk" FOREIGN KEY ("org_id","initiative_id","review_id") REFERENCES "public"."reviews"("org_id","initiative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_gate_fk" FOREIGN KEY ("org_id","initiative_id","gate_id") REFERENCES "public"."gates"("org_id","initiative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_person_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signals_open_by_subject" ON "signals" USING btree ("org_id","initiative_id","subject_type","subject_id") WHERE resolved_at is null;