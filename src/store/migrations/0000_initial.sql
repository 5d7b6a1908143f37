CREATE TABLE "api_tokens" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "api_tokens_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "assumption_tests" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"milestone_id" text NOT NULL,
	"id" text NOT NULL,
	"assumption_id" text NOT NULL,
	"verdict" text NOT NULL,
	"evidence" text,
	"date" date,
	CONSTRAINT "assumption_tests_org_id_initiative_id_milestone_id_id_pk" PRIMARY KEY("org_id","initiative_id","milestone_id","id")
);
--> statement-breakpoint
CREATE TABLE "assumptions" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"milestone_id" text NOT NULL,
	"id" text NOT NULL,
	"statement" text NOT NULL,
	"kill_criteria" text,
	CONSTRAINT "assumptions_org_id_initiative_id_milestone_id_id_pk" PRIMARY KEY("org_id","initiative_id","milestone_id","id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"requirement_id" text NOT NULL,
	"team_id" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "claims_org_id_initiative_id_requirement_id_team_id_pk" PRIMARY KEY("org_id","initiative_id","requirement_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"team_id" text NOT NULL,
	"owner_id" text,
	"title" text NOT NULL,
	"due" date,
	"due_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"done" date,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "commitments_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"by_id" text NOT NULL,
	"responds_to" text,
	"rationale" text NOT NULL,
	CONSTRAINT "decisions_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "descriptions" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"team_id" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "descriptions_org_id_initiative_id_team_id_pk" PRIMARY KEY("org_id","initiative_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "gate_authorities" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"gate_id" text NOT NULL,
	"role" text NOT NULL,
	"person_id" text NOT NULL,
	CONSTRAINT "gate_authorities_org_id_initiative_id_gate_id_role_pk" PRIMARY KEY("org_id","initiative_id","gate_id","role")
);
--> statement-breakpoint
CREATE TABLE "gates" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"date" date,
	CONSTRAINT "gates_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"owner_id" text NOT NULL,
	"as_of" date,
	"summary" text,
	"cadence_days" integer DEFAULT 14 NOT NULL,
	"investment_unit" text,
	"investment_points" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiatives_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "links" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"from_id" text NOT NULL,
	"to_id" text NOT NULL,
	"directed" boolean DEFAULT true NOT NULL,
	"statement" text NOT NULL,
	"check" text,
	"due" date,
	"owner_id" text,
	"state" text,
	CONSTRAINT "links_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "metric_points" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"metric_id" text NOT NULL,
	"date" date NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "metric_points_org_id_initiative_id_metric_id_date_pk" PRIMARY KEY("org_id","initiative_id","metric_id","date")
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	CONSTRAINT "metrics_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	CONSTRAINT "milestones_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"metric_id" text NOT NULL,
	"comparator" text NOT NULL,
	"target" double precision NOT NULL,
	"by" date NOT NULL,
	"owner_id" text,
	CONSTRAINT "outcomes_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"manager_id" text,
	"email" text,
	"left_on" date,
	CONSTRAINT "people_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"person_id" text NOT NULL,
	"by_id" text NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "recognitions_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "requirements" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"title" text,
	CONSTRAINT "requirements_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reviews_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"likelihood" text NOT NULL,
	"impact" text NOT NULL,
	"early_warning" text,
	"mitigation" text,
	"owner_id" text,
	"raised_by" text,
	"raised_on" date,
	CONSTRAINT "risks_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "status_reports" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"author_id" text NOT NULL,
	"date" date NOT NULL,
	"health" text NOT NULL,
	"narrative" text,
	"confidence" double precision,
	"cites" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_reports_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"lead_id" text,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"wip_limit" integer,
	CONSTRAINT "teams_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "truths" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"review_id" text NOT NULL,
	"id" text NOT NULL,
	"author_id" text,
	"better" text,
	"as_expected" text,
	"worse" text,
	CONSTRAINT "truths_org_id_initiative_id_review_id_id_pk" PRIMARY KEY("org_id","initiative_id","review_id","id")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"gate_id" text NOT NULL,
	"id" text NOT NULL,
	"role" text NOT NULL,
	"person_id" text NOT NULL,
	"vote" text NOT NULL,
	"reason" text,
	"date" date,
	CONSTRAINT "votes_org_id_initiative_id_gate_id_id_pk" PRIMARY KEY("org_id","initiative_id","gate_id","id")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assumption_tests" ADD CONSTRAINT "assumption_tests_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assumptions" ADD CONSTRAINT "assumptions_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "descriptions" ADD CONSTRAINT "descriptions_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_authorities" ADD CONSTRAINT "gate_authorities_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gates" ADD CONSTRAINT "gates_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "truths" ADD CONSTRAINT "truths_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("secret_hash");