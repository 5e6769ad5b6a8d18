-- Reconciliation's trail in the order the run walks (issue 17). A run walks claims by
-- (created_at, id), so keying its decisions and its settlement's engagements by the claim's
-- creation time appends each batch at the end of their indexes instead of scattering it over
-- random UUID leaves (half the insert time per batch, measured). The claim stays in the key, so
-- a claim is still decided once per run and filed once per settlement.
ALTER TABLE "reconciliation_decisions" ADD COLUMN "claim_created_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "reconciliation_decisions" d SET "claim_created_at" = c."created_at" FROM "subsidy_claims" c WHERE c."id" = d."claim_id";--> statement-breakpoint
ALTER TABLE "reconciliation_decisions" ALTER COLUMN "claim_created_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "reconciliation_decisions" DROP CONSTRAINT "reconciliation_decisions_run_id_claim_id_pk";--> statement-breakpoint
ALTER TABLE "reconciliation_decisions" ADD CONSTRAINT "reconciliation_decisions_walk_pk" PRIMARY KEY ("run_id", "claim_created_at", "claim_id");--> statement-breakpoint
ALTER TABLE "settlement_engagements" ADD COLUMN "claim_created_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "settlement_engagements" e SET "claim_created_at" = c."created_at" FROM "subsidy_claims" c WHERE c."id" = e."claim_id";--> statement-breakpoint
ALTER TABLE "settlement_engagements" ALTER COLUMN "claim_created_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_engagements" DROP CONSTRAINT "settlement_engagements_settlement_id_payee_type_payee_id_engagement_id_pk";--> statement-breakpoint
ALTER TABLE "settlement_engagements" ADD CONSTRAINT "settlement_engagements_walk_pk" PRIMARY KEY ("settlement_id", "payee_type", "payee_id", "claim_created_at", "claim_id");
