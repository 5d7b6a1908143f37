CREATE INDEX "events_initiative_changes" ON "events" USING btree ("org_id","initiative_id","id") WHERE type = 'initiative.changed';--> statement-breakpoint
-- An initiative's version is now the id of its latest change event. What was evaluated up to the old version
-- is evaluated up to that event; anything behind it is evaluated again.
UPDATE "evaluations" e
SET "evaluated_version" = CASE
  WHEN e."evaluated_version" >= i."version" THEN coalesce((
    SELECT max(ev."id") FROM "events" ev
    WHERE ev."org_id" = e."org_id" AND ev."initiative_id" = e."initiative_id" AND ev."type" = 'initiative.changed'
  ), 0)
  ELSE -1
END
FROM "initiatives" i
WHERE i."org_id" = e."org_id" AND i."id" = e."initiative_id";--> statement-breakpoint
ALTER TABLE "initiatives" DROP COLUMN "version";
