CREATE TABLE "notification_attempts" (
	"org_id" text NOT NULL,
	"delivery_id" bigint NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	CONSTRAINT "notification_attempts_org_id_delivery_id_attempt_pk" PRIMARY KEY("org_id","delivery_id","attempt")
);
--> statement-breakpoint
ALTER TABLE "notification_attempts" ADD CONSTRAINT "notification_attempts_delivery_fk" FOREIGN KEY ("org_id","delivery_id") REFERENCES "public"."notification_deliveries"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- What each delivery's row said of its attempts becomes its last attempt (the times of earlier ones were not kept).
INSERT INTO "notification_attempts" ("org_id", "delivery_id", "attempt", "at", "outcome", "error")
  SELECT "org_id", "id", "attempts", coalesce("sent_at", "created_at"),
         CASE "status" WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'retry' END, "last_error"
  FROM "notification_deliveries" WHERE "attempts" > 0;--> statement-breakpoint
ALTER TABLE "notification_deliveries" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "notification_deliveries" DROP COLUMN "attempts";--> statement-breakpoint
ALTER TABLE "notification_deliveries" DROP COLUMN "last_error";--> statement-breakpoint
ALTER TABLE "notification_deliveries" DROP COLUMN "sent_at";--> statement-breakpoint
-- Deliveries and their attempts are records: appended, never changed, removed only with their org.
DO $$
DECLARE
  record_table text;
BEGIN
  FOREACH record_table IN ARRAY ARRAY['notification_deliveries', 'notification_attempts']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_append_only', record_table);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_no_truncate', record_table);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', record_table, record_table || '_append_only');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', record_table, record_table || '_no_truncate');
  END LOOP;
END;
$$;
