ALTER TABLE "order_history" ADD COLUMN "note_code" text;--> statement-breakpoint
ALTER TABLE "order_history" ADD COLUMN "note_params" jsonb;