CREATE TABLE "payment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"external_id" text NOT NULL,
	"source" text NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_events_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"method" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"failed" boolean DEFAULT false NOT NULL,
	"reference" text,
	"stripe_payment_intent_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_engagement_id_unique" UNIQUE("engagement_id"),
	CONSTRAINT "payments_reference_unique" UNIQUE("reference"),
	CONSTRAINT "payments_stripe_payment_intent_id_unique" UNIQUE("stripe_payment_intent_id"),
	CONSTRAINT "payments_method" CHECK ("payments"."method" in ('stripe', 'bank_transfer')),
	CONSTRAINT "payments_status" CHECK ("payments"."status" in ('pending', 'succeeded', 'partially_refunded', 'refunded', 'failed')),
	CONSTRAINT "payments_amounts" CHECK ("payments"."amount" >= 0 and "payments"."received" >= 0 and "payments"."refunded" >= 0 and "payments"."refunded" <= greatest("payments"."received", "payments"."amount")),
	CONSTRAINT "payments_bank_reference" CHECK ("payments"."method" <> 'bank_transfer' or "payments"."reference" is not null)
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_accounts_stripe_account_id_unique" UNIQUE("stripe_account_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp (3) with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "delivered_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "invoice_number" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "accepted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "rating" smallint;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "rated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "dispute_status" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "dispute_reason" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "disputed_by" text;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "status_before_dispute" text;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_events_engagement_idx" ON "payment_events" USING btree ("engagement_id");--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_rating" CHECK ("engagements"."rating" is null or "engagements"."rating" between 1 and 5);--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_status" CHECK ("engagements"."status" in ('awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled'));