CREATE TABLE "review_closures" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"review_id" text NOT NULL,
	"closed_on" date NOT NULL,
	CONSTRAINT "review_closures_org_id_initiative_id_review_id_pk" PRIMARY KEY("org_id","initiative_id","review_id")
);
--> statement-breakpoint
ALTER TABLE "review_closures" ADD CONSTRAINT "review_closures_org_id_initiative_id_initiatives_org_id_id_fk" FOREIGN KEY ("org_id","initiative_id") REFERENCES "public"."initiatives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: a review's closure is a record, appended once and never changed; removed only with its
-- initiative (the cascade, which the trigger lets through).
CREATE TRIGGER "review_closures_append_only" BEFORE UPDATE OR DELETE ON "review_closures" FOR EACH ROW EXECUTE FUNCTION plumbline_record_is_append_only();--> statement-breakpoint
CREATE TRIGGER "review_closures_no_truncate" BEFORE TRUNCATE ON "review_closures" FOR EACH STATEMENT EXECUTE FUNCTION plumbline_record_is_append_only();--> statement-breakpoint
ALTER TABLE "review_closures" ENABLE ALWAYS TRIGGER "review_closures_append_only";--> statement-breakpoint
ALTER TABLE "review_closures" ENABLE ALWAYS TRIGGER "review_closures_no_truncate";
