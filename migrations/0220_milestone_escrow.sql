-- Milestones as the unit of money, held in escrow (issue 26): the bid's milestones copied at
-- award, an escrow ledger per engagement, disputes that split what is held, the provider's bank
-- account, the custodian bank's statement lines and the payout instructions and batches.
ALTER TABLE "payments" ADD COLUMN "by_milestones" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "engagement_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"title" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"due" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"rail" text,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"stripe_transfer_id" text,
	"released" bigint DEFAULT 0 NOT NULL,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"funded_at" timestamp (3) with time zone,
	"delivered_at" timestamp (3) with time zone,
	"auto_release_at" timestamp (3) with time zone,
	"reminder_sent_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_milestones_n" UNIQUE("engagement_id","n"),
	CONSTRAINT "engagement_milestones_stripe_payment_intent_id_unique" UNIQUE("stripe_payment_intent_id"),
	CONSTRAINT "engagement_milestones_amounts" CHECK ("amount" >= 0 and "due" >= 0 and "released" >= 0 and "refunded" >= 0 and "released" + "refunded" <= "due"),
	CONSTRAINT "engagement_milestones_status" CHECK ("status" in ('pending', 'funded', 'delivered', 'released', 'disputed', 'refunded', 'settled'))
);--> statement-breakpoint
ALTER TABLE "engagement_milestones" ADD CONSTRAINT "engagement_milestones_engagement_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_milestones_auto_release_idx" ON "engagement_milestones" USING btree ("auto_release_at") WHERE "status" = 'delivered';--> statement-breakpoint
CREATE TABLE "escrow_moves" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"engagement_id" uuid NOT NULL,
	"milestone_n" integer NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escrow_moves_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "escrow_moves_amount" CHECK ("amount" > 0),
	CONSTRAINT "escrow_moves_accounts" CHECK (("from_account", "to_account") in (('enterprise', 'held'), ('held', 'released'), ('held', 'refunded'), ('released', 'refunded')))
);--> statement-breakpoint
CREATE INDEX "escrow_moves_engagement_idx" ON "escrow_moves" USING btree ("engagement_id");--> statement-breakpoint
CREATE TABLE "milestone_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"milestone_n" integer NOT NULL,
	"opened_by" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"release" bigint,
	"refund" bigint,
	"proposed_by" text,
	"proposed_at" timestamp (3) with time zone,
	"enterprise_accepted_at" timestamp (3) with time zone,
	"provider_accepted_at" timestamp (3) with time zone,
	"settled_how" text,
	"settled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_disputes_one" UNIQUE("engagement_id","milestone_n"),
	CONSTRAINT "milestone_disputes_status" CHECK ("status" in ('open', 'proposed', 'settled'))
);--> statement-breakpoint
CREATE TABLE "provider_bank_accounts" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"bank" text NOT NULL,
	"account_name" text NOT NULL,
	"account_number" text NOT NULL,
	"cnaps" text,
	"swift" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "provider_bank_accounts" ADD CONSTRAINT "provider_bank_accounts_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "custodian_statement_lines" (
	"bank_txn_id" text PRIMARY KEY NOT NULL,
	"booked_on" date NOT NULL,
	"reference" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"payer_name" text NOT NULL,
	"payer_account" text NOT NULL,
	"matched_engagement_id" uuid,
	"matched_milestone_n" integer,
	"imported_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "payout_instructions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"milestone_n" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"payee" jsonb,
	"batch_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_instructions_once" UNIQUE("engagement_id","milestone_n","kind"),
	CONSTRAINT "payout_instructions_kind" CHECK ("kind" in ('payout', 'refund') and "amount" > 0)
);--> statement-breakpoint
CREATE INDEX "payout_instructions_unbatched_idx" ON "payout_instructions" USING btree ("created_at") WHERE "batch_id" is null;--> statement-breakpoint
CREATE TABLE "payout_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lines" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
