-- The sync history is a record of what came in from each source: appended, never changed, removed only with its
-- initiative.
CREATE TRIGGER "source_syncs_append_only" BEFORE UPDATE OR DELETE ON "source_syncs" FOR EACH ROW EXECUTE FUNCTION plumbline_record_is_append_only();--> statement-breakpoint
CREATE TRIGGER "source_syncs_no_truncate" BEFORE TRUNCATE ON "source_syncs" FOR EACH STATEMENT EXECUTE FUNCTION plumbline_record_is_append_only();--> statement-breakpoint
ALTER TABLE "source_syncs" ENABLE ALWAYS TRIGGER "source_syncs_append_only";--> statement-breakpoint
ALTER TABLE "source_syncs" ENABLE ALWAYS TRIGGER "source_syncs_no_truncate";
