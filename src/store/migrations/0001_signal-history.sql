CREATE TABLE "signal_silences" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"mode" text NOT NULL,
	"by_person" text NOT NULL,
	"by_token" text,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" text,
	CONSTRAINT "signal_silences_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"title" text NOT NULL,
	"explanation" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"owner" text,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "signals_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
ALTER TABLE "signal_silences" ADD CONSTRAINT "signal_silences_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signal_silences_fingerprint_idx" ON "signal_silences" USING btree ("org_id","initiative_id","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_one_open_per_fingerprint" ON "signals" USING btree ("org_id","initiative_id","fingerprint") WHERE resolved_at is null;