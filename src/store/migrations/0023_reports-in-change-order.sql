-- Reports are in the order of the change that recorded each (then by position): reports written side by side
-- may take the same position. Reports recorded before take 0 and come first, as they did. A constant default
-- adds the column without rewriting a row.
ALTER TABLE "status_reports" ADD COLUMN "change_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "status_reports_order_idx" ON "status_reports" ("org_id", "initiative_id", "change_id", "position");
