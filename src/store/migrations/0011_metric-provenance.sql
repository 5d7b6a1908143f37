ALTER TABLE "commitments" ADD COLUMN "provenance" jsonb;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "provenance" jsonb;