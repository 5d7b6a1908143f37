CREATE TABLE "initiative_followers" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"person_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_followers_org_id_initiative_id_person_id_pk" PRIMARY KEY("org_id","initiative_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "initiative_followers" ADD CONSTRAINT "initiative_followers_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;