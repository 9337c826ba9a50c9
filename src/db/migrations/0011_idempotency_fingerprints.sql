ALTER TABLE "orders" ADD COLUMN "idempotency_fingerprint" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "idempotency_fingerprint" text;