-- Fapiao, not a string (issue 26): the provider records the fapiao of each released milestone;
-- reconciliation flags a missing one, a wrong buyer tax id, a short amount and a number used twice.
CREATE TABLE "fapiao_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"milestone_n" integer NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"buyer_tax_id" text NOT NULL,
	"amount_with_tax" bigint NOT NULL,
	"currency" text NOT NULL,
	"tax_rate" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fapiao_records_milestone" UNIQUE("engagement_id","milestone_n"),
	CONSTRAINT "fapiao_records_type" CHECK ("type" in ('全电发票', '专票', '普票')),
	CONSTRAINT "fapiao_records_amount" CHECK ("amount_with_tax" > 0)
);--> statement-breakpoint
CREATE INDEX "fapiao_records_number_idx" ON "fapiao_records" USING btree ("number");--> statement-breakpoint
CREATE INDEX "fapiao_records_engagement_idx" ON "fapiao_records" USING btree ("engagement_id");
