CREATE TABLE "ritual_invitations" (
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"ritual_id" text NOT NULL,
	"id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"issued_on" date NOT NULL,
	"used" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ritual_invitations_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "ritual_invitations_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE INDEX "ritual_invitations_ritual_idx" ON "ritual_invitations" USING btree ("org_id","kind","ritual_id");