CREATE TABLE "audit_events" (
	"org_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"outcome" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_org_id_seq_pk" PRIMARY KEY("org_id","seq")
);
--> statement-breakpoint
CREATE TABLE "premortem_items" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"session_id" text NOT NULL,
	"id" text NOT NULL,
	"risk" text NOT NULL,
	"likelihood" text NOT NULL,
	"impact" text NOT NULL,
	"early_warning" text,
	"mitigation" text,
	"raised_by" text,
	"submitted_on" date NOT NULL,
	"merged_into" text,
	"promoted_risk_id" text,
	CONSTRAINT "premortem_items_org_id_initiative_id_session_id_id_pk" PRIMARY KEY("org_id","initiative_id","session_id","id")
);
--> statement-breakpoint
CREATE TABLE "premortem_participants" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"session_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "premortem_participants_org_id_initiative_id_session_id_token_hash_pk" PRIMARY KEY("org_id","initiative_id","session_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "premortem_sessions" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"facilitator_id" text NOT NULL,
	"share_hash" text NOT NULL,
	"allow_anonymous" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'collecting' NOT NULL,
	"opened_on" date NOT NULL,
	"min_group_size" integer DEFAULT 5 NOT NULL,
	CONSTRAINT "premortem_sessions_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id"),
	CONSTRAINT "premortem_sessions_share_hash_unique" UNIQUE("share_hash")
);
--> statement-breakpoint
CREATE TABLE "premortem_votes" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"session_id" text NOT NULL,
	"item_id" text NOT NULL,
	"voter_key" text NOT NULL,
	"likelihood" text NOT NULL,
	"impact" text NOT NULL,
	CONSTRAINT "premortem_votes_org_id_initiative_id_session_id_item_id_voter_key_pk" PRIMARY KEY("org_id","initiative_id","session_id","item_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "pulse_participants" (
	"org_id" text NOT NULL,
	"survey_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pulse_participants_org_id_survey_id_token_hash_pk" PRIMARY KEY("org_id","survey_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "pulse_responses" (
	"org_id" text NOT NULL,
	"survey_id" text NOT NULL,
	"id" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_on" date NOT NULL,
	CONSTRAINT "pulse_responses_org_id_survey_id_id_pk" PRIMARY KEY("org_id","survey_id","id")
);
--> statement-breakpoint
CREATE TABLE "pulse_surveys" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"team_id" text NOT NULL,
	"share_hash" text NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"min_group_size" integer DEFAULT 5 NOT NULL,
	CONSTRAINT "pulse_surveys_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "pulse_surveys_share_hash_unique" UNIQUE("share_hash")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "person_id" text;--> statement-breakpoint
ALTER TABLE "premortem_sessions" ADD CONSTRAINT "premortem_sessions_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;