CREATE TABLE "instance_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"secret_key_fingerprint" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instance_settings_one_row" CHECK ("instance_settings"."singleton")
);
