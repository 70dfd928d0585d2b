ALTER TABLE "photo_exports" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "print_runs" ADD COLUMN "purged_at" timestamp with time zone;