-- Prices in the provider's currency (issue 26): the platform's rate table, and on each claim the
-- rate locked at award (its currency, text, date and source), the price in that currency and the
-- subsidy in it (what the engagement deducts). Caps, budgets and the ledger stay in CNY.
CREATE TABLE "fx_rates" (
	"rate_date" date NOT NULL,
	"currency" text NOT NULL,
	"cny_per_unit" text NOT NULL,
	"source" text NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_rates_rate_date_currency_pk" PRIMARY KEY("rate_date","currency"),
	CONSTRAINT "fx_rates_rate" CHECK ("cny_per_unit" ~ '^[0-9]{1,6}(\.[0-9]{1,10})?$' and "cny_per_unit"::numeric > 0)
);--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_currency" text;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_rate" text;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_rate_date" date;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_source" text;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_price" bigint;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_subsidy" bigint;--> statement-breakpoint
-- One programme-currency minor unit per purchase-currency minor unit: what reconciliation converts refunds with.
ALTER TABLE "subsidy_claims" ADD COLUMN "fx_minor_factor" numeric;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_fx" CHECK (("fx_currency" is null) = ("fx_rate" is null) and ("fx_rate" is null) = ("fx_minor_factor" is null) and ("fx_rate" is null) = ("fx_subsidy" is null));
