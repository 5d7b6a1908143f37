CREATE TABLE "evaluations" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"evaluated_version" bigint DEFAULT 0 NOT NULL,
	"evaluated_at" timestamp with time zone,
	"as_of" date,
	"health" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "evaluations_org_id_initiative_id_pk" PRIMARY KEY("org_id","initiative_id")
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
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;