-- The day of last use is kept, the instant dropped: an instant would date whatever the token did then.
UPDATE "api_tokens" SET "last_used_on" = ("last_used_at" AT TIME ZONE 'UTC')::date WHERE "last_used_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "last_used_at";