ALTER TABLE "graduates" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "original_deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "submissions_original_kept_idx" ON "submissions" USING btree ("updated_at") WHERE original_deleted_at IS NULL;