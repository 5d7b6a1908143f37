-- Records (what happened: reports, votes, decisions, verdicts, points, truths, recognitions) are append-only:
-- a correction is a new row that supersedes the old one. Removing an initiative removes its records with it
-- (a foreign-key cascade, which runs one trigger level down); no other UPDATE, DELETE or TRUNCATE is allowed.
CREATE FUNCTION plumbline_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% are records and append-only: % is not allowed (record a correction instead)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  record_table text;
BEGIN
  FOREACH record_table IN ARRAY ARRAY['status_reports', 'votes', 'decisions', 'assumption_tests', 'metric_points', 'truths', 'recognitions']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_append_only', record_table);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION plumbline_record_is_append_only()', record_table || '_no_truncate', record_table);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- New records take the next position in their list: found by this index, not by reading the list.
CREATE INDEX "status_reports_position_idx" ON "status_reports" ("org_id", "initiative_id", "position");
--> statement-breakpoint
CREATE INDEX "events_initiative_idx" ON "events" ("org_id", "initiative_id", "id");
--> statement-breakpoint
-- Every initiative stored before evaluation moved after commit waits for its first evaluation.
INSERT INTO "evaluations" ("org_id", "initiative_id") SELECT "org_id", "id" FROM "initiatives" ON CONFLICT DO NOTHING;
