CREATE TABLE "signal_silence_lifts" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"silence_id" text NOT NULL,
	"lifted_at" timestamp with time zone NOT NULL,
	"lifted_by" text NOT NULL,
	"by_token" text,
	CONSTRAINT "signal_silence_lifts_org_id_initiative_id_silence_id_pk" PRIMARY KEY("org_id","initiative_id","silence_id")
);
--> statement-breakpoint
ALTER TABLE "signal_silence_lifts" ADD CONSTRAINT "signal_silence_lifts_silence_fk" FOREIGN KEY ("org_id","initiative_id","silence_id") REFERENCES "public"."signal_silences"("org_id","initiative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Lifts recorded in place until now become records of their own.
INSERT INTO "signal_silence_lifts" ("org_id", "initiative_id", "silence_id", "lifted_at", "lifted_by")
  SELECT "org_id", "initiative_id", "id", "lifted_at", coalesce("lifted_by", 'unknown') FROM "signal_silences" WHERE "lifted_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_silences" DROP COLUMN "lifted_at";--> statement-breakpoint
ALTER TABLE "signal_silences" DROP COLUMN "lifted_by";--> statement-breakpoint
DO $$
DECLARE
  record_table text;
BEGIN
  FOREACH record_table IN ARRAY ARRAY['signal_silences', 'signal_silence_lifts']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_append_only', record_table);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_no_truncate', record_table);
  END LOOP;
END;
$$;
