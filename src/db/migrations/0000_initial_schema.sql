CREATE TYPE "public"."voucher_kind" AS ENUM('comp', 'percentage', 'fixed_amount');--> statement-breakpoint
CREATE TYPE "public"."condition_kind" AS ENUM('time_or_stock', 'speaker', 'group_member', 'included_product', 'product_discount', 'category_discount');--> statement-breakpoint
CREATE TYPE "public"."discount_type" AS ENUM('percentage', 'fixed_amount');--> statement-breakpoint
CREATE TYPE "public"."cart_kind" AS ENUM('online', 'desk');--> statement-breakpoint
CREATE TYPE "public"."cart_status" AS ENUM('open', 'checked_out', 'expired', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('pending', 'paid', 'partially_refunded', 'refunded', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."product_kind" AS ENUM('ticket', 'addon');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('stripe', 'terminal', 'comp', 'credit', 'manual');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'processing', 'succeeded', 'failed', 'cancelled', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."refund_destination" AS ENUM('card', 'credit');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."terminal_capture_status" AS ENUM('authorized', 'captured', 'cancelled', 'failed');--> statement-breakpoint
CREATE TYPE "public"."credit_status" AS ENUM('available', 'expired', 'voided');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('text', 'select', 'boolean');--> statement-breakpoint
CREATE TYPE "public"."badge_banner_position" AS ENUM('below_header', 'above_name', 'below_name', 'bottom');--> statement-breakpoint
CREATE TYPE "public"."badge_format" AS ENUM('pdf', 'png');--> statement-breakpoint
CREATE TYPE "public"."letter_status" AS ENUM('submitted', 'under_review', 'approved', 'generated', 'sent', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."po_payment_method" AS ENUM('wire', 'ach', 'check', 'stripe', 'other');--> statement-breakpoint
CREATE TYPE "public"."purchase_order_status" AS ENUM('draft', 'sent', 'partially_paid', 'paid', 'overpaid', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."bulk_payment_status" AS ENUM('pending', 'approved', 'processing', 'paid', 'failed', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "conference_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conference_sections_conference_slug_unique" UNIQUE("conference_id","slug"),
	CONSTRAINT "conference_sections_slug_check" CHECK ("conference_sections"."slug" <> ''),
	CONSTRAINT "conference_sections_dates_check" CHECK ("conference_sections"."start_date" <= "conference_sections"."end_date"),
	CONSTRAINT "conference_sections_sort_order_check" CHECK ("conference_sections"."sort_order" >= 0)
);
--> statement-breakpoint
CREATE TABLE "conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"venue" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"website_url" text DEFAULT '' NOT NULL,
	"pretalx_event_slug" text DEFAULT '' NOT NULL,
	"total_capacity" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"hold_minutes" integer DEFAULT 15 NOT NULL,
	"cart_expiry_minutes" integer DEFAULT 30 NOT NULL,
	"revenue_budget" bigint,
	"target_attendance" integer,
	"grant_budget" bigint,
	"feature_flags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"qbo_realm_id" text,
	"stripe_secret_key_enc" text,
	"stripe_publishable_key_enc" text,
	"stripe_webhook_secret_enc" text,
	"qbo_credentials_enc" text,
	"pretalx_token_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conferences_slug_unique" UNIQUE("slug"),
	CONSTRAINT "conferences_slug_check" CHECK ("conferences"."slug" <> ''),
	CONSTRAINT "conferences_dates_check" CHECK ("conferences"."start_date" <= "conferences"."end_date"),
	CONSTRAINT "conferences_currency_check" CHECK ("conferences"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "conferences_total_capacity_check" CHECK ("conferences"."total_capacity" >= 0),
	CONSTRAINT "conferences_hold_minutes_check" CHECK ("conferences"."hold_minutes" > 0),
	CONSTRAINT "conferences_cart_expiry_minutes_check" CHECK ("conferences"."cart_expiry_minutes" > 0),
	CONSTRAINT "conferences_revenue_budget_check" CHECK ("conferences"."revenue_budget" >= 0),
	CONSTRAINT "conferences_target_attendance_check" CHECK ("conferences"."target_attendance" >= 0),
	CONSTRAINT "conferences_grant_budget_check" CHECK ("conferences"."grant_budget" >= 0),
	CONSTRAINT "conferences_feature_flags_check" CHECK (jsonb_typeof("conferences"."feature_flags") = 'object')
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_conference_slug_unique" UNIQUE("conference_id","slug"),
	CONSTRAINT "groups_slug_check" CHECK ("groups"."slug" <> '')
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_user_conference_role_unique" UNIQUE("user_id","conference_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roles_conference_key_unique" UNIQUE NULLS NOT DISTINCT("conference_id","key"),
	CONSTRAINT "roles_key_check" CHECK ("roles"."key" <> '')
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_id_check" CHECK ("sessions"."id" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"is_superuser" boolean DEFAULT false NOT NULL,
	"is_staff" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_check" CHECK ("users"."email" <> '')
);
--> statement-breakpoint
CREATE TABLE "speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"pretalx_code" text NOT NULL,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"user_id" uuid,
	"biography" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "speakers_conference_pretalx_code_unique" UNIQUE("conference_id","pretalx_code"),
	CONSTRAINT "speakers_pretalx_code_check" CHECK ("speakers"."pretalx_code" <> '')
);
--> statement-breakpoint
CREATE TABLE "talk_speakers" (
	"talk_id" uuid NOT NULL,
	"speaker_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	CONSTRAINT "talk_speakers_pk" PRIMARY KEY("talk_id","speaker_id")
);
--> statement-breakpoint
CREATE TABLE "talks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"pretalx_code" text NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "talks_conference_pretalx_code_unique" UNIQUE("conference_id","pretalx_code"),
	CONSTRAINT "talks_pretalx_code_check" CHECK ("talks"."pretalx_code" <> '')
);
--> statement-breakpoint
CREATE TABLE "addon_required_ticket_types" (
	"addon_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	CONSTRAINT "addon_required_ticket_types_pk" PRIMARY KEY("addon_id","ticket_type_id")
);
--> statement-breakpoint
CREATE TABLE "addons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price" bigint NOT NULL,
	"available_from" timestamp with time zone,
	"available_until" timestamp with time zone,
	"total_quantity" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"bulk_enabled" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "addons_conference_slug_unique" UNIQUE("conference_id","slug"),
	CONSTRAINT "addons_slug_check" CHECK ("addons"."slug" <> ''),
	CONSTRAINT "addons_price_check" CHECK ("addons"."price" >= 0),
	CONSTRAINT "addons_window_check" CHECK ("addons"."available_from" IS NULL OR "addons"."available_until" IS NULL OR "addons"."available_from" <= "addons"."available_until"),
	CONSTRAINT "addons_total_quantity_check" CHECK ("addons"."total_quantity" >= 0),
	CONSTRAINT "addons_sort_order_check" CHECK ("addons"."sort_order" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ticket_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price" bigint NOT NULL,
	"available_from" timestamp with time zone,
	"available_until" timestamp with time zone,
	"total_quantity" integer DEFAULT 0 NOT NULL,
	"limit_per_user" integer DEFAULT 10 NOT NULL,
	"requires_voucher" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"bulk_enabled" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_types_conference_slug_unique" UNIQUE("conference_id","slug"),
	CONSTRAINT "ticket_types_slug_check" CHECK ("ticket_types"."slug" <> ''),
	CONSTRAINT "ticket_types_price_check" CHECK ("ticket_types"."price" >= 0),
	CONSTRAINT "ticket_types_window_check" CHECK ("ticket_types"."available_from" IS NULL OR "ticket_types"."available_until" IS NULL OR "ticket_types"."available_from" <= "ticket_types"."available_until"),
	CONSTRAINT "ticket_types_total_quantity_check" CHECK ("ticket_types"."total_quantity" >= 0),
	CONSTRAINT "ticket_types_limit_per_user_check" CHECK ("ticket_types"."limit_per_user" >= 0),
	CONSTRAINT "ticket_types_sort_order_check" CHECK ("ticket_types"."sort_order" >= 0)
);
--> statement-breakpoint
CREATE TABLE "voucher_addons" (
	"voucher_id" uuid NOT NULL,
	"addon_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	CONSTRAINT "voucher_addons_pk" PRIMARY KEY("voucher_id","addon_id")
);
--> statement-breakpoint
CREATE TABLE "voucher_ticket_types" (
	"voucher_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	CONSTRAINT "voucher_ticket_types_pk" PRIMARY KEY("voucher_id","ticket_type_id")
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" "voucher_kind" DEFAULT 'comp' NOT NULL,
	"percent_off_bp" integer,
	"amount_off" bigint,
	"max_uses" integer DEFAULT 1 NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"unlocks_hidden_tickets" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_conference_code_unique" UNIQUE("conference_id","code"),
	CONSTRAINT "vouchers_code_check" CHECK ("vouchers"."code" <> '' AND "vouchers"."code" = upper("vouchers"."code")),
	CONSTRAINT "vouchers_percent_off_bp_check" CHECK ("vouchers"."percent_off_bp" BETWEEN 0 AND 10000),
	CONSTRAINT "vouchers_amount_off_check" CHECK ("vouchers"."amount_off" >= 0),
	CONSTRAINT "vouchers_kind_value_check" CHECK (("vouchers"."kind" <> 'percentage' OR "vouchers"."percent_off_bp" IS NOT NULL)
        AND ("vouchers"."kind" <> 'fixed_amount' OR "vouchers"."amount_off" IS NOT NULL)),
	CONSTRAINT "vouchers_max_uses_check" CHECK ("vouchers"."max_uses" >= 0),
	CONSTRAINT "vouchers_valid_window_check" CHECK ("vouchers"."valid_from" IS NULL OR "vouchers"."valid_until" IS NULL OR "vouchers"."valid_from" <= "vouchers"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "discount_condition_addons" (
	"condition_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"addon_id" uuid NOT NULL,
	CONSTRAINT "discount_condition_addons_pk" PRIMARY KEY("condition_id","addon_id")
);
--> statement-breakpoint
CREATE TABLE "discount_condition_enabling_ticket_types" (
	"condition_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	CONSTRAINT "discount_condition_enabling_ticket_types_pk" PRIMARY KEY("condition_id","ticket_type_id")
);
--> statement-breakpoint
CREATE TABLE "discount_condition_groups" (
	"condition_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "discount_condition_groups_pk" PRIMARY KEY("condition_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "discount_condition_ticket_types" (
	"condition_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	CONSTRAINT "discount_condition_ticket_types_pk" PRIMARY KEY("condition_id","ticket_type_id")
);
--> statement-breakpoint
CREATE TABLE "discount_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"kind" "condition_kind" NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"discount_type" "discount_type",
	"percent_off_bp" integer,
	"amount_off" bigint,
	"max_quantity" integer DEFAULT 0 NOT NULL,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"usage_limit" integer DEFAULT 0 NOT NULL,
	"is_presenter" boolean DEFAULT true NOT NULL,
	"is_copresenter" boolean DEFAULT false NOT NULL,
	"apply_to_tickets" boolean DEFAULT true NOT NULL,
	"apply_to_addons" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_conditions_percent_off_bp_check" CHECK ("discount_conditions"."percent_off_bp" BETWEEN 0 AND 10000),
	CONSTRAINT "discount_conditions_amount_off_check" CHECK ("discount_conditions"."amount_off" >= 0),
	CONSTRAINT "discount_conditions_max_quantity_check" CHECK ("discount_conditions"."max_quantity" >= 0),
	CONSTRAINT "discount_conditions_usage_limit_check" CHECK ("discount_conditions"."usage_limit" >= 0),
	CONSTRAINT "discount_conditions_window_check" CHECK ("discount_conditions"."start_time" IS NULL OR "discount_conditions"."end_time" IS NULL OR "discount_conditions"."start_time" <= "discount_conditions"."end_time"),
	CONSTRAINT "discount_conditions_effect_check" CHECK (CASE WHEN "discount_conditions"."kind" = 'category_discount' THEN "discount_conditions"."percent_off_bp" IS NOT NULL
        ELSE "discount_conditions"."discount_type" IS NOT NULL
          AND ("discount_conditions"."discount_type" <> 'percentage' OR "discount_conditions"."percent_off_bp" IS NOT NULL)
          AND ("discount_conditions"."discount_type" <> 'fixed_amount' OR "discount_conditions"."amount_off" IS NOT NULL) END)
);
--> statement-breakpoint
CREATE TABLE "cart_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cart_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"ticket_type_id" uuid,
	"addon_id" uuid,
	"quantity" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_items_one_product_check" CHECK (num_nonnulls("cart_items"."ticket_type_id", "cart_items"."addon_id") = 1),
	CONSTRAINT "cart_items_quantity_check" CHECK ("cart_items"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "carts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"kind" "cart_kind" DEFAULT 'online' NOT NULL,
	"buyer_user_id" uuid,
	"status" "cart_status" DEFAULT 'open' NOT NULL,
	"voucher_id" uuid,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carts_buyer_check" CHECK ("carts"."kind" = 'desk' OR "carts"."buyer_user_id" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"product_kind" "product_kind" NOT NULL,
	"ticket_type_id" uuid,
	"addon_id" uuid,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"condition_discount" bigint DEFAULT 0 NOT NULL,
	"condition_id" uuid,
	"condition_name" text DEFAULT '' NOT NULL,
	"voucher_discount" bigint DEFAULT 0 NOT NULL,
	"line_total" bigint NOT NULL,
	"cancelled_quantity" integer DEFAULT 0 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_lines_quantity_check" CHECK ("order_lines"."quantity" >= 1),
	CONSTRAINT "order_lines_cancelled_quantity_check" CHECK ("order_lines"."cancelled_quantity" >= 0 AND "order_lines"."cancelled_quantity" <= "order_lines"."quantity"),
	CONSTRAINT "order_lines_unit_price_check" CHECK ("order_lines"."unit_price" >= 0),
	CONSTRAINT "order_lines_condition_discount_check" CHECK ("order_lines"."condition_discount" >= 0),
	CONSTRAINT "order_lines_voucher_discount_check" CHECK ("order_lines"."voucher_discount" >= 0),
	CONSTRAINT "order_lines_line_total_check" CHECK ("order_lines"."line_total" >= 0),
	CONSTRAINT "order_lines_line_total_sum_check" CHECK ("order_lines"."line_total" = "order_lines"."unit_price" * "order_lines"."quantity" - "order_lines"."condition_discount" - "order_lines"."voucher_discount"),
	CONSTRAINT "order_lines_product_kind_check" CHECK (("order_lines"."product_kind" = 'ticket' AND "order_lines"."addon_id" IS NULL)
        OR ("order_lines"."product_kind" = 'addon' AND "order_lines"."ticket_type_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "order_status" DEFAULT 'pending' NOT NULL,
	"reference" text NOT NULL,
	"currency" text NOT NULL,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"discount_amount" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"voucher_id" uuid,
	"voucher_code" text DEFAULT '' NOT NULL,
	"voucher_details" jsonb,
	"billing_name" text DEFAULT '' NOT NULL,
	"billing_email" text DEFAULT '' NOT NULL,
	"billing_company" text DEFAULT '' NOT NULL,
	"utm_source" text DEFAULT '' NOT NULL,
	"utm_medium" text DEFAULT '' NOT NULL,
	"utm_campaign" text DEFAULT '' NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"idempotency_key" text,
	"needs_attention" boolean DEFAULT false NOT NULL,
	"attention_reason" text DEFAULT '' NOT NULL,
	"attendee_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_reference_unique" UNIQUE("reference"),
	CONSTRAINT "orders_currency_check" CHECK ("orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "orders_subtotal_check" CHECK ("orders"."subtotal" >= 0),
	CONSTRAINT "orders_discount_amount_check" CHECK ("orders"."discount_amount" >= 0),
	CONSTRAINT "orders_total_check" CHECK ("orders"."total" >= 0),
	CONSTRAINT "orders_totals_check" CHECK ("orders"."discount_amount" <= "orders"."subtotal" AND "orders"."total" = "orders"."subtotal" - "orders"."discount_amount"),
	CONSTRAINT "orders_hold_check" CHECK ("orders"."status" = 'pending' OR "orders"."hold_expires_at" IS NULL),
	CONSTRAINT "orders_attendee_answers_check" CHECK (jsonb_typeof("orders"."attendee_answers") = 'object')
);
--> statement-breakpoint
CREATE TABLE "event_processing_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid,
	"conference_id" uuid NOT NULL,
	"message" text NOT NULL,
	"traceback" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"method" "payment_method" NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"credit_id" uuid,
	"reference" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount" >= 0),
	CONSTRAINT "payments_currency_check" CHECK ("payments"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "refund_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"refund_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "refund_lines_refund_order_line_unique" UNIQUE("refund_id","order_line_id"),
	CONSTRAINT "refund_lines_quantity_check" CHECK ("refund_lines"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"destination" "refund_destination" NOT NULL,
	"status" "refund_status" DEFAULT 'pending' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"payment_id" uuid,
	"credit_id" uuid,
	"stripe_refund_id" text,
	"idempotency_key" text NOT NULL,
	"created_by" uuid,
	"failure_message" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_order_idempotency_key_unique" UNIQUE("order_id","idempotency_key"),
	CONSTRAINT "refunds_amount_check" CHECK ("refunds"."amount" > 0),
	CONSTRAINT "refunds_destination_check" CHECK (CASE "refunds"."destination" WHEN 'card' THEN "refunds"."credit_id" IS NULL
        ELSE "refunds"."payment_id" IS NULL AND "refunds"."stripe_refund_id" IS NULL END)
);
--> statement-breakpoint
CREATE TABLE "stripe_customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_customers_user_conference_unique" UNIQUE("user_id","conference_id"),
	CONSTRAINT "stripe_customers_conference_customer_unique" UNIQUE("conference_id","stripe_customer_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"stripe_id" text NOT NULL,
	"type" text NOT NULL,
	"livemode" boolean DEFAULT false NOT NULL,
	"api_version" text DEFAULT '' NOT NULL,
	"payload" jsonb NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_events_conference_stripe_id_unique" UNIQUE("conference_id","stripe_id"),
	CONSTRAINT "stripe_events_attempts_check" CHECK ("stripe_events"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "terminal_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"terminal_id" text DEFAULT '' NOT NULL,
	"reader_id" text DEFAULT '' NOT NULL,
	"payment_intent_id" text NOT NULL,
	"capture_status" "terminal_capture_status" DEFAULT 'authorized' NOT NULL,
	"captured_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"card_brand" text DEFAULT '' NOT NULL,
	"card_last4" text DEFAULT '' NOT NULL,
	"receipt_url" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "terminal_payments_payment_id_unique" UNIQUE("payment_id"),
	CONSTRAINT "terminal_payments_card_last4_check" CHECK ("terminal_payments"."card_last4" ~ '^([0-9]{4})?$')
);
--> statement-breakpoint
CREATE TABLE "credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" "credit_status" DEFAULT 'available' NOT NULL,
	"expires_at" timestamp with time zone,
	"source_order_id" uuid,
	"source_refund_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credits_amount_check" CHECK ("credits"."amount" > 0),
	CONSTRAINT "credits_currency_check" CHECK ("credits"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "attendee_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attendee_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendee_answers_attendee_question_unique" UNIQUE("attendee_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "attendee_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"kind" "question_kind" DEFAULT 'text' NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_required" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendee_questions_conference_key_unique" UNIQUE("conference_id","key"),
	CONSTRAINT "attendee_questions_key_check" CHECK ("attendee_questions"."key" <> ''),
	CONSTRAINT "attendee_questions_options_check" CHECK (jsonb_typeof("attendee_questions"."options") = 'array'),
	CONSTRAINT "attendee_questions_sort_order_check" CHECK ("attendee_questions"."sort_order" >= 0)
);
--> statement-breakpoint
CREATE TABLE "attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"order_id" uuid,
	"access_code" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"completed_registration" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendees_access_code_unique" UNIQUE("access_code"),
	CONSTRAINT "attendees_user_conference_unique" UNIQUE("user_id","conference_id"),
	CONSTRAINT "attendees_access_code_check" CHECK ("attendees"."access_code" ~ '^[A-HJ-KM-NP-Z2-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attendee_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_by" uuid,
	"station" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"is_reentry" boolean DEFAULT false NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE TABLE "door_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attendee_id" uuid NOT NULL,
	"ticket_type_id" uuid,
	"addon_id" uuid,
	"conference_id" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_by" uuid,
	"station" text DEFAULT '' NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	CONSTRAINT "door_checks_one_product_check" CHECK (num_nonnulls("door_checks"."ticket_type_id", "door_checks"."addon_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "product_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attendee_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"redeemed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"redeemed_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE TABLE "badge_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"width_mm" integer DEFAULT 102 NOT NULL,
	"height_mm" integer DEFAULT 152 NOT NULL,
	"ticket_banner_position" "badge_banner_position" DEFAULT 'below_header' NOT NULL,
	"show_name" boolean DEFAULT true NOT NULL,
	"show_email" boolean DEFAULT false NOT NULL,
	"show_company" boolean DEFAULT false NOT NULL,
	"show_ticket_type" boolean DEFAULT true NOT NULL,
	"show_qr_code" boolean DEFAULT true NOT NULL,
	"show_conference_name" boolean DEFAULT true NOT NULL,
	"background_color" text DEFAULT '#FFFFFF' NOT NULL,
	"text_color" text DEFAULT '#000000' NOT NULL,
	"accent_color" text DEFAULT '#4338CA' NOT NULL,
	"font_name" text DEFAULT '' NOT NULL,
	"font_body" text DEFAULT '' NOT NULL,
	"logo" "bytea",
	"background_image" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badge_templates_conference_slug_unique" UNIQUE("conference_id","slug"),
	CONSTRAINT "badge_templates_slug_check" CHECK ("badge_templates"."slug" <> ''),
	CONSTRAINT "badge_templates_width_mm_check" CHECK ("badge_templates"."width_mm" > 0),
	CONSTRAINT "badge_templates_height_mm_check" CHECK ("badge_templates"."height_mm" > 0),
	CONSTRAINT "badge_templates_background_color_check" CHECK ("badge_templates"."background_color" ~ '^#[0-9A-Fa-f]{6}$'),
	CONSTRAINT "badge_templates_text_color_check" CHECK ("badge_templates"."text_color" ~ '^#[0-9A-Fa-f]{6}$'),
	CONSTRAINT "badge_templates_accent_color_check" CHECK ("badge_templates"."accent_color" ~ '^#[0-9A-Fa-f]{6}$')
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attendee_id" uuid NOT NULL,
	"template_id" uuid,
	"conference_id" uuid NOT NULL,
	"format" "badge_format" DEFAULT 'pdf' NOT NULL,
	"content" "bytea" NOT NULL,
	"content_hash" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badges_attendee_template_format_unique" UNIQUE("attendee_id","template_id","format")
);
--> statement-breakpoint
CREATE TABLE "letter_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"attendee_id" uuid,
	"passport_name" text NOT NULL,
	"passport_number_enc" text NOT NULL,
	"nationality" text NOT NULL,
	"date_of_birth" date,
	"travel_from" date NOT NULL,
	"travel_until" date NOT NULL,
	"destination_address" text NOT NULL,
	"embassy_name" text DEFAULT '' NOT NULL,
	"status" "letter_status" DEFAULT 'submitted' NOT NULL,
	"rejection_reason" text DEFAULT '' NOT NULL,
	"generated_pdf" "bytea",
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"staff_override" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_requests_user_conference_unique" UNIQUE("user_id","conference_id"),
	CONSTRAINT "letter_requests_travel_dates_check" CHECK ("letter_requests"."travel_from" <= "letter_requests"."travel_until"),
	CONSTRAINT "letter_requests_rejection_reason_check" CHECK ("letter_requests"."status" <> 'rejected' OR "letter_requests"."rejection_reason" <> '')
);
--> statement-breakpoint
CREATE TABLE "purchase_order_credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_order_credit_notes_amount_check" CHECK ("purchase_order_credit_notes"."amount" > 0),
	CONSTRAINT "purchase_order_credit_notes_reason_check" CHECK ("purchase_order_credit_notes"."reason" <> '')
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"description" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"unit_price" bigint NOT NULL,
	"line_total" bigint NOT NULL,
	"ticket_type_id" uuid,
	"addon_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_order_lines_quantity_check" CHECK ("purchase_order_lines"."quantity" >= 1),
	CONSTRAINT "purchase_order_lines_unit_price_check" CHECK ("purchase_order_lines"."unit_price" >= 0),
	CONSTRAINT "purchase_order_lines_line_total_check" CHECK ("purchase_order_lines"."line_total" >= 0),
	CONSTRAINT "purchase_order_lines_line_total_sum_check" CHECK ("purchase_order_lines"."line_total" = "purchase_order_lines"."unit_price" * "purchase_order_lines"."quantity"),
	CONSTRAINT "purchase_order_lines_product_check" CHECK (num_nonnulls("purchase_order_lines"."ticket_type_id", "purchase_order_lines"."addon_id") <= 1)
);
--> statement-breakpoint
CREATE TABLE "purchase_order_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"method" "po_payment_method" DEFAULT 'wire' NOT NULL,
	"entered_by" uuid,
	"payment_date" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_order_payments_amount_check" CHECK ("purchase_order_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"organization_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"billing_address" text DEFAULT '' NOT NULL,
	"status" "purchase_order_status" DEFAULT 'draft' NOT NULL,
	"reference" text NOT NULL,
	"currency" text NOT NULL,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"stripe_invoice_id" text,
	"stripe_invoice_url" text,
	"qbo_invoice_id" text,
	"qbo_invoice_url" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_orders_reference_unique" UNIQUE("reference"),
	CONSTRAINT "purchase_orders_currency_check" CHECK ("purchase_orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "purchase_orders_subtotal_check" CHECK ("purchase_orders"."subtotal" >= 0),
	CONSTRAINT "purchase_orders_total_check" CHECK ("purchase_orders"."total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "bulk_purchase_vouchers" (
	"bulk_purchase_id" uuid NOT NULL,
	"voucher_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_purchase_vouchers_pk" PRIMARY KEY("bulk_purchase_id","voucher_id")
);
--> statement-breakpoint
CREATE TABLE "bulk_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"sponsor_name" text DEFAULT '' NOT NULL,
	"product_description" text DEFAULT '' NOT NULL,
	"quantity" integer NOT NULL,
	"ticket_type_id" uuid,
	"addon_id" uuid,
	"payment_status" "bulk_payment_status" DEFAULT 'pending' NOT NULL,
	"stripe_payment_intent_id" text,
	"stripe_checkout_session_id" text,
	"currency" text NOT NULL,
	"unit_price" bigint NOT NULL,
	"total_amount" bigint NOT NULL,
	"voucher_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requested_by" uuid,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_purchases_quantity_check" CHECK ("bulk_purchases"."quantity" BETWEEN 1 AND 500),
	CONSTRAINT "bulk_purchases_currency_check" CHECK ("bulk_purchases"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "bulk_purchases_unit_price_check" CHECK ("bulk_purchases"."unit_price" >= 0),
	CONSTRAINT "bulk_purchases_total_amount_check" CHECK ("bulk_purchases"."total_amount" >= 0),
	CONSTRAINT "bulk_purchases_voucher_config_check" CHECK (jsonb_typeof("bulk_purchases"."voucher_config") = 'object')
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "outbox_attempts_check" CHECK ("outbox"."attempts" >= 0),
	CONSTRAINT "outbox_max_attempts_check" CHECK ("outbox"."max_attempts" > 0),
	CONSTRAINT "outbox_kind_check" CHECK ("outbox"."kind" <> '')
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid,
	"actor_user_id" uuid,
	"actor_token_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conference_sections" ADD CONSTRAINT "conference_sections_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_speakers" ADD CONSTRAINT "talk_speakers_talk_id_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."talks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_speakers" ADD CONSTRAINT "talk_speakers_speaker_id_speakers_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."speakers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_speakers" ADD CONSTRAINT "talk_speakers_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addon_required_ticket_types" ADD CONSTRAINT "addon_required_ticket_types_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addon_required_ticket_types" ADD CONSTRAINT "addon_required_ticket_types_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addon_required_ticket_types" ADD CONSTRAINT "addon_required_ticket_types_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addons" ADD CONSTRAINT "addons_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_addons" ADD CONSTRAINT "voucher_addons_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_addons" ADD CONSTRAINT "voucher_addons_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_addons" ADD CONSTRAINT "voucher_addons_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_ticket_types" ADD CONSTRAINT "voucher_ticket_types_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_ticket_types" ADD CONSTRAINT "voucher_ticket_types_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_ticket_types" ADD CONSTRAINT "voucher_ticket_types_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_addons" ADD CONSTRAINT "discount_condition_addons_condition_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."discount_conditions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_addons" ADD CONSTRAINT "discount_condition_addons_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_addons" ADD CONSTRAINT "discount_condition_addons_addon_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_enabling_ticket_types" ADD CONSTRAINT "discount_condition_enabling_ticket_types_condition_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."discount_conditions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_enabling_ticket_types" ADD CONSTRAINT "discount_condition_enabling_ticket_types_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_enabling_ticket_types" ADD CONSTRAINT "discount_condition_enabling_ticket_types_ticket_type_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_groups" ADD CONSTRAINT "discount_condition_groups_condition_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."discount_conditions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_groups" ADD CONSTRAINT "discount_condition_groups_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_groups" ADD CONSTRAINT "discount_condition_groups_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_ticket_types" ADD CONSTRAINT "discount_condition_ticket_types_condition_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."discount_conditions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_ticket_types" ADD CONSTRAINT "discount_condition_ticket_types_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_condition_ticket_types" ADD CONSTRAINT "discount_condition_ticket_types_ticket_type_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_conditions" ADD CONSTRAINT "discount_conditions_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_id_carts_id_fk" FOREIGN KEY ("cart_id") REFERENCES "public"."carts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_buyer_user_id_users_id_fk" FOREIGN KEY ("buyer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_condition_id_discount_conditions_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."discount_conditions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_processing_exceptions" ADD CONSTRAINT "event_processing_exceptions_event_id_stripe_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."stripe_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_processing_exceptions" ADD CONSTRAINT "event_processing_exceptions_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_credit_id_credits_id_fk" FOREIGN KEY ("credit_id") REFERENCES "public"."credits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_credit_id_credits_id_fk" FOREIGN KEY ("credit_id") REFERENCES "public"."credits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_payments" ADD CONSTRAINT "terminal_payments_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_payments" ADD CONSTRAINT "terminal_payments_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_source_order_id_orders_id_fk" FOREIGN KEY ("source_order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_source_refund_id_refunds_id_fk" FOREIGN KEY ("source_refund_id") REFERENCES "public"."refunds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendee_answers" ADD CONSTRAINT "attendee_answers_attendee_id_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendee_answers" ADD CONSTRAINT "attendee_answers_question_id_attendee_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."attendee_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendee_answers" ADD CONSTRAINT "attendee_answers_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendee_questions" ADD CONSTRAINT "attendee_questions_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendees" ADD CONSTRAINT "attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendees" ADD CONSTRAINT "attendees_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendees" ADD CONSTRAINT "attendees_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_attendee_id_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_checks" ADD CONSTRAINT "door_checks_attendee_id_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_checks" ADD CONSTRAINT "door_checks_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_checks" ADD CONSTRAINT "door_checks_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_checks" ADD CONSTRAINT "door_checks_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_checks" ADD CONSTRAINT "door_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_checks" ADD CONSTRAINT "door_checks_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_redemptions" ADD CONSTRAINT "product_redemptions_attendee_id_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_redemptions" ADD CONSTRAINT "product_redemptions_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_redemptions" ADD CONSTRAINT "product_redemptions_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_redemptions" ADD CONSTRAINT "product_redemptions_redeemed_by_users_id_fk" FOREIGN KEY ("redeemed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_redemptions" ADD CONSTRAINT "product_redemptions_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_templates" ADD CONSTRAINT "badge_templates_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_attendee_id_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_template_id_badge_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."badge_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_requests" ADD CONSTRAINT "letter_requests_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_requests" ADD CONSTRAINT "letter_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_requests" ADD CONSTRAINT "letter_requests_attendee_id_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."attendees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_requests" ADD CONSTRAINT "letter_requests_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_credit_notes" ADD CONSTRAINT "purchase_order_credit_notes_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_credit_notes" ADD CONSTRAINT "purchase_order_credit_notes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_credit_notes" ADD CONSTRAINT "purchase_order_credit_notes_purchase_order_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_payments" ADD CONSTRAINT "purchase_order_payments_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_payments" ADD CONSTRAINT "purchase_order_payments_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_payments" ADD CONSTRAINT "purchase_order_payments_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchase_vouchers" ADD CONSTRAINT "bulk_purchase_vouchers_bulk_purchase_id_bulk_purchases_id_fk" FOREIGN KEY ("bulk_purchase_id") REFERENCES "public"."bulk_purchases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchase_vouchers" ADD CONSTRAINT "bulk_purchase_vouchers_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchase_vouchers" ADD CONSTRAINT "bulk_purchase_vouchers_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchases" ADD CONSTRAINT "bulk_purchases_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchases" ADD CONSTRAINT "bulk_purchases_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchases" ADD CONSTRAINT "bulk_purchases_addon_id_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."addons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchases" ADD CONSTRAINT "bulk_purchases_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_purchases" ADD CONSTRAINT "bulk_purchases_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_token_id_api_tokens_id_fk" FOREIGN KEY ("actor_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_conference_id_idx" ON "api_tokens" USING btree ("conference_id");--> statement-breakpoint
CREATE INDEX "group_members_user_id_idx" ON "group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "role_assignments_conference_id_idx" ON "role_assignments" USING btree ("conference_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "speakers_user_id_idx" ON "speakers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "talk_speakers_speaker_id_idx" ON "talk_speakers" USING btree ("speaker_id");--> statement-breakpoint
CREATE INDEX "addon_required_ticket_types_ticket_type_id_idx" ON "addon_required_ticket_types" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "voucher_addons_addon_id_idx" ON "voucher_addons" USING btree ("addon_id");--> statement-breakpoint
CREATE INDEX "voucher_ticket_types_ticket_type_id_idx" ON "voucher_ticket_types" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "discount_condition_addons_addon_id_idx" ON "discount_condition_addons" USING btree ("addon_id");--> statement-breakpoint
CREATE INDEX "discount_condition_enabling_ticket_types_ticket_type_id_idx" ON "discount_condition_enabling_ticket_types" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "discount_condition_groups_group_id_idx" ON "discount_condition_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "discount_condition_ticket_types_ticket_type_id_idx" ON "discount_condition_ticket_types" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "discount_conditions_conference_priority_idx" ON "discount_conditions" USING btree ("conference_id","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "cart_items_cart_ticket_type_idx" ON "cart_items" USING btree ("cart_id","ticket_type_id") WHERE "cart_items"."ticket_type_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "cart_items_cart_addon_idx" ON "cart_items" USING btree ("cart_id","addon_id") WHERE "cart_items"."addon_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "carts_one_open_online_cart_idx" ON "carts" USING btree ("user_id","conference_id") WHERE "carts"."status" = 'open' AND "carts"."kind" = 'online';--> statement-breakpoint
CREATE INDEX "carts_conference_status_idx" ON "carts" USING btree ("conference_id","status");--> statement-breakpoint
CREATE INDEX "order_lines_order_id_idx" ON "order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_lines_ticket_type_id_idx" ON "order_lines" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "order_lines_addon_id_idx" ON "order_lines" USING btree ("addon_id");--> statement-breakpoint
CREATE INDEX "order_lines_condition_id_idx" ON "order_lines" USING btree ("condition_id") WHERE "order_lines"."condition_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_conference_status_idx" ON "orders" USING btree ("conference_id","status");--> statement-breakpoint
CREATE INDEX "orders_user_conference_idx" ON "orders" USING btree ("user_id","conference_id");--> statement-breakpoint
CREATE INDEX "orders_voucher_id_idx" ON "orders" USING btree ("voucher_id") WHERE "orders"."voucher_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_pending_hold_expires_at_idx" ON "orders" USING btree ("hold_expires_at") WHERE "orders"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "orders_user_conference_idempotency_key_idx" ON "orders" USING btree ("user_id","conference_id","idempotency_key") WHERE "orders"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "event_processing_exceptions_event_id_idx" ON "event_processing_exceptions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "payments_order_id_idx" ON "payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payments_credit_id_idx" ON "payments" USING btree ("credit_id") WHERE "payments"."credit_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_stripe_payment_intent_id_idx" ON "payments" USING btree ("stripe_payment_intent_id") WHERE "payments"."stripe_payment_intent_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_order_idempotency_key_idx" ON "payments" USING btree ("order_id","idempotency_key") WHERE "payments"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "refund_lines_order_line_id_idx" ON "refund_lines" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_stripe_refund_id_idx" ON "refunds" USING btree ("stripe_refund_id") WHERE "refunds"."stripe_refund_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "refunds_payment_id_idx" ON "refunds" USING btree ("payment_id") WHERE "refunds"."payment_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "stripe_events_unprocessed_idx" ON "stripe_events" USING btree ("conference_id","created_at") WHERE "stripe_events"."processed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "terminal_payments_payment_intent_id_idx" ON "terminal_payments" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "credits_user_conference_idx" ON "credits" USING btree ("user_id","conference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credits_source_refund_id_idx" ON "credits" USING btree ("source_refund_id") WHERE "credits"."source_refund_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "attendee_answers_question_id_idx" ON "attendee_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "attendees_order_id_idx" ON "attendees" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "attendees_conference_id_idx" ON "attendees" USING btree ("conference_id");--> statement-breakpoint
CREATE INDEX "check_ins_attendee_checked_in_at_idx" ON "check_ins" USING btree ("attendee_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "check_ins_conference_checked_in_at_idx" ON "check_ins" USING btree ("conference_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "door_checks_attendee_id_idx" ON "door_checks" USING btree ("attendee_id");--> statement-breakpoint
CREATE INDEX "door_checks_conference_checked_at_idx" ON "door_checks" USING btree ("conference_id","checked_at");--> statement-breakpoint
CREATE INDEX "product_redemptions_order_line_id_idx" ON "product_redemptions" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "product_redemptions_attendee_id_idx" ON "product_redemptions" USING btree ("attendee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "badge_templates_one_default_idx" ON "badge_templates" USING btree ("conference_id") WHERE "badge_templates"."is_default";--> statement-breakpoint
CREATE INDEX "badges_template_id_idx" ON "badges" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "letter_requests_conference_status_idx" ON "letter_requests" USING btree ("conference_id","status");--> statement-breakpoint
CREATE INDEX "purchase_order_credit_notes_purchase_order_id_idx" ON "purchase_order_credit_notes" USING btree ("purchase_order_id");--> statement-breakpoint
CREATE INDEX "purchase_order_lines_purchase_order_id_idx" ON "purchase_order_lines" USING btree ("purchase_order_id");--> statement-breakpoint
CREATE INDEX "purchase_order_payments_purchase_order_id_idx" ON "purchase_order_payments" USING btree ("purchase_order_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_conference_status_idx" ON "purchase_orders" USING btree ("conference_id","status");--> statement-breakpoint
CREATE INDEX "bulk_purchase_vouchers_voucher_id_idx" ON "bulk_purchase_vouchers" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "bulk_purchases_conference_status_idx" ON "bulk_purchases" USING btree ("conference_id","payment_status");--> statement-breakpoint
CREATE INDEX "outbox_status_run_after_idx" ON "outbox" USING btree ("status","run_after");--> statement-breakpoint
CREATE INDEX "outbox_conference_id_idx" ON "outbox" USING btree ("conference_id");--> statement-breakpoint
CREATE INDEX "audit_log_conference_created_at_idx" ON "audit_log" USING btree ("conference_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");