CREATE TABLE "reconciliation_decisions" (
	"run_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reason" text NOT NULL,
	"committed" bigint NOT NULL,
	"approved" bigint NOT NULL,
	CONSTRAINT "reconciliation_decisions_run_id_claim_id_pk" PRIMARY KEY("run_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"counts" jsonb DEFAULT '{"approved":0,"adjusted":0,"held":0,"rejected":0}'::jsonb NOT NULL,
	"approved_amount" bigint DEFAULT 0 NOT NULL,
	"released_amount" bigint DEFAULT 0 NOT NULL,
	"anomalies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "reconciliation_runs_status" CHECK ("reconciliation_runs"."status" in ('queued', 'running', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "settlement_lines" (
	"settlement_id" uuid NOT NULL,
	"payee_type" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"engagements" integer NOT NULL,
	"amount" bigint NOT NULL,
	"engagement_ids" uuid[] NOT NULL,
	CONSTRAINT "settlement_lines_settlement_id_payee_type_payee_id_pk" PRIMARY KEY("settlement_id","payee_type","payee_id")
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"total" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"paid_at" timestamp (3) with time zone,
	"reference" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlements_run_id_unique" UNIQUE("run_id"),
	CONSTRAINT "settlements_status" CHECK ("settlements"."status" in ('pending', 'paid'))
);
--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "approved_amount" bigint;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "invoice_key" text;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD COLUMN "settlement_id" uuid;--> statement-breakpoint
ALTER TABLE "reconciliation_decisions" ADD CONSTRAINT "reconciliation_decisions_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliation_decisions_claim_idx" ON "reconciliation_decisions" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_runs_one_active" ON "reconciliation_runs" USING btree ("program_id") WHERE "reconciliation_runs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "reconciliation_runs_program_idx" ON "reconciliation_runs" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "settlements_program_idx" ON "settlements" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "subsidy_claims_invoice_idx" ON "subsidy_claims" USING btree ("invoice_key");--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_status" CHECK ("subsidy_claims"."status" in ('committed', 'approved', 'rejected', 'paid'));--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_approved" CHECK (("subsidy_claims"."status" in ('approved', 'paid')) = ("subsidy_claims"."approved_amount" is not null) and coalesce("subsidy_claims"."approved_amount", 0) <= "subsidy_claims"."amount");