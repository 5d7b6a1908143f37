CREATE TABLE "source_syncs" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	"cursor" timestamp with time zone,
	"received" integer NOT NULL,
	"created" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"removed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "source_syncs_org_id_initiative_id_id_pk" PRIMARY KEY("org_id","initiative_id","id")
);
--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "sources" jsonb;--> statement-breakpoint
ALTER TABLE "source_syncs" ADD CONSTRAINT "source_syncs_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "source_syncs_latest_idx" ON "source_syncs" USING btree ("org_id","initiative_id","source","synced_at");