-- Order history rows written before note codes carry English text in "note". Each exact text the server
-- wrote becomes its code and parameters, and "note" keeps only what a person typed (a reason), so the apps
-- show these rows in their own language too. Any other text stays as it is (the apps show it raw).
UPDATE "order_history" SET "note_code" = 'payment', "note_params" = jsonb_build_object('transactionId', "note"), "note" = NULL
WHERE "note_code" IS NULL AND "note" IS NOT NULL AND "actor_type" = 'provider' AND "to_status" = 'paid';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'payment_timeout', "note" = NULL WHERE "note_code" IS NULL AND "note" = 'payment timeout';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'delivery_confirmed', "note" = NULL WHERE "note_code" IS NULL AND "note" = 'delivery confirmed';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'account_erased', "note" = NULL WHERE "note_code" IS NULL AND "note" = 'account erased';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'refund_requested', "note" = substring("note" from '^refund requested: (.*)$')
WHERE "note_code" IS NULL AND "note" ~ '^refund requested: ';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'refund_declined', "note" = substring("note" from '^refund request declined: (.*)$')
WHERE "note_code" IS NULL AND "note" ~ '^refund request declined: ';--> statement-breakpoint
UPDATE "order_history" h SET "note_code" = 'refund', "note_params" = jsonb_build_object('refundNo', r."refund_no", 'amountCents', r."amount_cents"), "note" = r."reason"
FROM "refunds" r
WHERE h."note_code" IS NULL AND h."note" ~ '^refund RF[0-9]+: ' AND r."refund_no" = substring(h."note" from '^refund (RF[0-9]+): ');--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'print_run', "note_params" = jsonb_build_object('runId', substring("note" from '^print run (.+)$')), "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^print run .+$';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'exported', "note_params" = jsonb_build_object('exportId', substring("note" from '^学信网 export (.+)$')), "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^学信网 export .+$';--> statement-breakpoint
UPDATE "order_history" SET "note_code" = 'auto_completed', "note_params" = jsonb_build_object('days', substring("note" from '^completed automatically ([0-9]+) days after shipping$')::integer), "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^completed automatically [0-9]+ days after shipping$';--> statement-breakpoint
-- shipping: "<courier> <tracking number>", " (import)" after it when a CSV shipped it; the number has no spaces
UPDATE "order_history" SET
  "note_code" = CASE WHEN "note" ~ ' \(import\)$' THEN 'shipped_import' ELSE 'shipped' END,
  "note_params" = jsonb_build_object(
    'courier', substring("note" from '^(.+) [A-Za-z0-9]+(?: \(import\))?$'),
    'trackingNo', substring("note" from ' ([A-Za-z0-9]+)(?: \(import\))?$')
  ),
  "note" = NULL
WHERE "note_code" IS NULL AND "to_status" = 'shipped' AND "note" ~ '^.+ [A-Za-z0-9]+(?: \(import\))?$';
