CREATE TABLE "subsidy_group_usage" (
	"program_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"reserved" bigint DEFAULT 0 NOT NULL,
	"granted" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "subsidy_group_usage_program_id_group_key_pk" PRIMARY KEY("program_id","group_key"),
	CONSTRAINT "subsidy_group_usage_non_negative" CHECK ("subsidy_group_usage"."reserved" >= 0 and "subsidy_group_usage"."granted" >= 0)
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district" text NOT NULL,
	"name" text NOT NULL,
	"policy_ref" text NOT NULL,
	"currency" text NOT NULL,
	"rate_bps" integer NOT NULL,
	"per_voucher_cap" bigint NOT NULL,
	"per_enterprise_cap" bigint NOT NULL,
	"budget" bigint NOT NULL,
	"categories" text[] NOT NULL,
	"provider_rule" text NOT NULL,
	"enterprise_rule" text NOT NULL,
	"redemption" text NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_to" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_rate" CHECK ("programs"."rate_bps" between 1 and 10000),
	CONSTRAINT "programs_amounts" CHECK ("programs"."per_voucher_cap" > 0 and "programs"."per_enterprise_cap" > 0 and "programs"."budget" > 0),
	CONSTRAINT "programs_window" CHECK ("programs"."valid_from" < "programs"."valid_to"),
	CONSTRAINT "programs_provider_rule" CHECK ("programs"."provider_rule" in ('in_district', 'alliance_member', 'any_vetted')),
	CONSTRAINT "programs_enterprise_rule" CHECK ("programs"."enterprise_rule" in ('in_district', 'any')),
	CONSTRAINT "programs_redemption" CHECK ("programs"."redemption" in ('provider', 'enterprise'))
);
--> statement-breakpoint
CREATE TABLE "subsidy_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_key" text NOT NULL,
	"program_id" uuid NOT NULL,
	"voucher_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"redemption" text NOT NULL,
	"payee_type" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"status" text DEFAULT 'committed' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_claims_claim_key" UNIQUE("claim_key"),
	CONSTRAINT "subsidy_claims_one_per_engagement" UNIQUE("engagement_id"),
	CONSTRAINT "subsidy_claims_amount" CHECK ("subsidy_claims"."amount" > 0 and "subsidy_claims"."amount" <= "subsidy_claims"."price"),
	CONSTRAINT "subsidy_claims_payee" CHECK ("subsidy_claims"."payee_type" = (case "subsidy_claims"."redemption" when 'provider' then 'provider' else 'enterprise' end))
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"currency" text NOT NULL,
	"face_value" bigint NOT NULL,
	"used" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"released_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_status" CHECK ("vouchers"."status" in ('active', 'used_up', 'revoked', 'expired')),
	CONSTRAINT "vouchers_amounts" CHECK ("vouchers"."face_value" > 0 and "vouchers"."used" >= 0 and "vouchers"."used" <= "vouchers"."face_value"),
	CONSTRAINT "vouchers_used_up" CHECK (("vouchers"."status" = 'used_up') = ("vouchers"."used" = "vouchers"."face_value"))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"program_id" uuid NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_accounts_program_id_account_pk" PRIMARY KEY("program_id","account"),
	CONSTRAINT "ledger_accounts_known" CHECK ("ledger_accounts"."account" in ('budget', 'reserved', 'committed', 'approved', 'paid', 'available')),
	CONSTRAINT "ledger_accounts_available_non_negative" CHECK ("ledger_accounts"."account" <> 'available' or "ledger_accounts"."balance" >= 0),
	CONSTRAINT "ledger_accounts_holding_non_negative" CHECK ("ledger_accounts"."account" in ('budget', 'available') or "ledger_accounts"."balance" >= 0),
	CONSTRAINT "ledger_accounts_budget_non_positive" CHECK ("ledger_accounts"."account" <> 'budget' or "ledger_accounts"."balance" <= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_moves" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" bigint NOT NULL,
	"program_id" uuid NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "ledger_moves_positive" CHECK ("ledger_moves"."amount" > 0),
	CONSTRAINT "ledger_moves_two_accounts" CHECK ("ledger_moves"."from_account" <> "ledger_moves"."to_account")
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_postings_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "engagements" DROP CONSTRAINT "engagements_share";--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "subsidy_payee" text;--> statement-breakpoint
ALTER TABLE "subsidy_group_usage" ADD CONSTRAINT "subsidy_group_usage_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_moves" ADD CONSTRAINT "ledger_moves_posting_id_ledger_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."ledger_postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programs_district_idx" ON "programs" USING btree ("district","created_at","id");--> statement-breakpoint
CREATE INDEX "programs_list_idx" ON "programs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "subsidy_claims_program_idx" ON "subsidy_claims" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "subsidy_claims_voucher_idx" ON "subsidy_claims" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "vouchers_program_idx" ON "vouchers" USING btree ("program_id","created_at","id");--> statement-breakpoint
CREATE INDEX "vouchers_enterprise_idx" ON "vouchers" USING btree ("enterprise_id","created_at","id");--> statement-breakpoint
CREATE INDEX "vouchers_expiry_idx" ON "vouchers" USING btree ("expires_at") WHERE "vouchers"."status" = 'active';--> statement-breakpoint
CREATE INDEX "ledger_moves_posting_idx" ON "ledger_moves" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "ledger_moves_program_idx" ON "ledger_moves" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_program_idx" ON "ledger_postings" USING btree ("program_id","id");--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_subsidy_payee" CHECK (("engagements"."subsidy" is null) = ("engagements"."subsidy_payee" is null));--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_share" CHECK ("engagements"."enterprise_share" = "engagements"."price" - (case when "engagements"."subsidy_payee" = 'provider' then "engagements"."subsidy" else 0 end) and "engagements"."enterprise_share" >= 0);