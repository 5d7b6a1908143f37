CREATE TABLE "sealed_submissions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"initiative_id" text,
	"ritual_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"sealed_on" date NOT NULL,
	CONSTRAINT "sealed_submissions_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "last_used_on" date;--> statement-breakpoint
CREATE INDEX "sealed_submissions_ritual_idx" ON "sealed_submissions" USING btree ("org_id","kind","ritual_id");