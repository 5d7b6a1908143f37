-- Pre-mortem items, merges, promotions and votes become records (README.md, "What happened is a record"): what the facilitator does with
-- an item is a row of its own beside it, a changed vote is the voter's next revision, and none of them is ever
-- updated or deleted in place.
CREATE TABLE "premortem_item_merges" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"session_id" text NOT NULL,
	"item_id" text NOT NULL,
	"into_id" text NOT NULL,
	"merged_by" text NOT NULL,
	"merged_on" date NOT NULL,
	CONSTRAINT "premortem_item_merges_org_id_initiative_id_session_id_item_id_pk" PRIMARY KEY("org_id","initiative_id","session_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "premortem_item_promotions" (
	"org_id" text NOT NULL,
	"initiative_id" text NOT NULL,
	"session_id" text NOT NULL,
	"item_id" text NOT NULL,
	"risk_id" text NOT NULL,
	"promoted_by" text NOT NULL,
	"promoted_on" date NOT NULL,
	CONSTRAINT "premortem_item_promotions_org_id_initiative_id_session_id_item_id_pk" PRIMARY KEY("org_id","initiative_id","session_id","item_id")
);
--> statement-breakpoint
-- Each vote stored so far is its voter's first revision (a vote changed in place kept no earlier one).
ALTER TABLE "premortem_votes" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "premortem_votes" DROP CONSTRAINT "premortem_votes_org_id_initiative_id_session_id_item_id_voter_key_pk";--> statement-breakpoint
ALTER TABLE "premortem_votes" ADD CONSTRAINT "premortem_votes_org_id_initiative_id_session_id_item_id_voter_key_revision_pk" PRIMARY KEY("org_id","initiative_id","session_id","item_id","voter_key","revision");--> statement-breakpoint
-- Hand-written: items and votes left behind by a removed initiative (whose sessions went with it, but not they,
-- for want of a foreign key) belong to nothing and no read reaches them; they go before the keys below hold.
DELETE FROM "premortem_votes" v WHERE NOT EXISTS (
  SELECT 1 FROM "premortem_items" i
  JOIN "premortem_sessions" s ON s.org_id = i.org_id AND s.initiative_id = i.initiative_id AND s.id = i.session_id
  WHERE i.org_id = v.org_id AND i.initiative_id = v.initiative_id AND i.session_id = v.session_id AND i.id = v.item_id
);--> statement-breakpoint
DELETE FROM "premortem_items" i WHERE NOT EXISTS (
  SELECT 1 FROM "premortem_sessions" s WHERE s.org_id = i.org_id AND s.initiative_id = i.initiative_id AND s.id = i.session_id
);--> statement-breakpoint
-- Hand-written: merges and promotions recorded in place until now become records of their own. Only the
-- session's facilitator could make them; their day is the day of the audit event that recorded them (the
-- session's first day where none is found).
INSERT INTO "premortem_item_merges" ("org_id", "initiative_id", "session_id", "item_id", "into_id", "merged_by", "merged_on")
  SELECT i.org_id, i.initiative_id, i.session_id, i.id, i.merged_into, s.facilitator_id,
         coalesce((SELECT max((a.at AT TIME ZONE 'UTC')::date) FROM "audit_events" a
                   WHERE a.org_id = i.org_id AND a.action = 'premortem.merge' AND a.target_id = i.session_id
                     AND a.details->>'from' = i.id AND a.details->>'into' = i.merged_into), s.opened_on)
  FROM "premortem_items" i
  JOIN "premortem_sessions" s ON s.org_id = i.org_id AND s.initiative_id = i.initiative_id AND s.id = i.session_id
  WHERE i.merged_into IS NOT NULL AND EXISTS (
    SELECT 1 FROM "premortem_items" j
    WHERE j.org_id = i.org_id AND j.initiative_id = i.initiative_id AND j.session_id = i.session_id AND j.id = i.merged_into
  );--> statement-breakpoint
INSERT INTO "premortem_item_promotions" ("org_id", "initiative_id", "session_id", "item_id", "risk_id", "promoted_by", "promoted_on")
  SELECT i.org_id, i.initiative_id, i.session_id, i.id, i.promoted_risk_id, s.facilitator_id,
         coalesce((SELECT max((a.at AT TIME ZONE 'UTC')::date) FROM "audit_events" a
                   WHERE a.org_id = i.org_id AND a.action = 'premortem.promote' AND a.target_type = 'risk'
                     AND a.target_id = i.promoted_risk_id AND a.details->>'premortem' = i.session_id), s.opened_on)
  FROM "premortem_items" i
  JOIN "premortem_sessions" s ON s.org_id = i.org_id AND s.initiative_id = i.initiative_id AND s.id = i.session_id
  WHERE i.promoted_risk_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "premortem_item_merges" ADD CONSTRAINT "premortem_item_merges_item_fk" FOREIGN KEY ("org_id","initiative_id","session_id","item_id") REFERENCES "public"."premortem_items"("org_id","initiative_id","session_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premortem_item_merges" ADD CONSTRAINT "premortem_item_merges_into_fk" FOREIGN KEY ("org_id","initiative_id","session_id","into_id") REFERENCES "public"."premortem_items"("org_id","initiative_id","session_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premortem_item_promotions" ADD CONSTRAINT "premortem_item_promotions_item_fk" FOREIGN KEY ("org_id","initiative_id","session_id","item_id") REFERENCES "public"."premortem_items"("org_id","initiative_id","session_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premortem_items" ADD CONSTRAINT "premortem_items_session_fk" FOREIGN KEY ("org_id","initiative_id","session_id") REFERENCES "public"."premortem_sessions"("org_id","initiative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premortem_votes" ADD CONSTRAINT "premortem_votes_item_fk" FOREIGN KEY ("org_id","initiative_id","session_id","item_id") REFERENCES "public"."premortem_items"("org_id","initiative_id","session_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premortem_items" DROP COLUMN "merged_into";--> statement-breakpoint
ALTER TABLE "premortem_items" DROP COLUMN "promoted_risk_id";--> statement-breakpoint
-- Hand-written: the four are records, guarded as the others are (migrations 0007, 0010): no UPDATE, DELETE or
-- TRUNCATE, in replica mode too; removed only with their session, by the cascade from its initiative.
DO $$
DECLARE
  record_table text;
BEGIN
  FOREACH record_table IN ARRAY ARRAY['premortem_items', 'premortem_item_merges', 'premortem_item_promotions', 'premortem_votes']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_append_only', record_table);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_no_truncate', record_table);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', record_table, record_table || '_append_only');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', record_table, record_table || '_no_truncate');
  END LOOP;
END;
$$;
