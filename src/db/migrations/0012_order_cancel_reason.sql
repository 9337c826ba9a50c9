CREATE TYPE "public"."order_cancel_reason" AS ENUM('buyer', 'hold_expired');--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancel_reason" "order_cancel_reason";--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_cancel_reason_check" CHECK ("orders"."cancel_reason" IS NULL OR "orders"."status" = 'cancelled');