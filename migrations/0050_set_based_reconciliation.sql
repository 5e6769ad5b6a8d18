-- Reconciliation at city scale (issue 17).
--
-- The decision table of libs/subsidy decideCommitment, as SQL, so a batch of claims is decided
-- inside the database in one statement. test/e2e/reconciliation-decide.e2e-spec.ts runs generated
-- facts through both and compares them: libs/subsidy stays the reference.
CREATE FUNCTION reconciliation_decide(
  claimed_elsewhere boolean, provider_eligible_at_award boolean, cancelled boolean, refunded bigint, price bigint,
  dispute text, paid_in_full boolean, accepted boolean, committed bigint,
  rate_bps integer, per_voucher_cap bigint, per_enterprise_cap bigint
) RETURNS TABLE (outcome text, reason text, approved bigint)
-- A set-returning SQL function of one SELECT: the planner inlines it into the batch's statement.
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN y.reason IN ('dispute_open', 'not_paid', 'not_accepted') THEN 'held'
              WHEN y.reason = 'partial_refund' THEN 'adjusted'
              WHEN y.reason IN ('partial_refund_unchanged', 'paid_and_accepted') THEN 'approved'
              ELSE 'rejected' END,
         y.reason,
         CASE y.reason WHEN 'partial_refund' THEN x.recomputed WHEN 'partial_refund_unchanged' THEN committed
                       WHEN 'paid_and_accepted' THEN committed ELSE 0 END
  -- The subsidy recomputed on the net price with the award's rate and caps (rounded down), never
  -- above what was committed.
  FROM (SELECT least(floor((price - refunded)::numeric * rate_bps / 10000)::bigint, per_voucher_cap, per_enterprise_cap, committed) AS recomputed) x,
  LATERAL (SELECT CASE
      WHEN claimed_elsewhere THEN 'claimed_elsewhere'
      WHEN NOT provider_eligible_at_award THEN 'provider_ineligible_at_award'
      WHEN cancelled THEN 'cancelled'
      WHEN refunded > 0 AND refunded = price THEN 'fully_refunded'
      WHEN dispute = 'lost' THEN 'dispute_lost'
      WHEN dispute = 'open' THEN 'dispute_open'
      WHEN NOT paid_in_full THEN 'not_paid'
      WHEN NOT accepted THEN 'not_accepted'
      WHEN refunded > 0 THEN CASE WHEN x.recomputed < committed THEN 'partial_refund' ELSE 'partial_refund_unchanged' END
      ELSE 'paid_and_accepted'
    END AS reason) y
$$;
--> statement-breakpoint
-- The walk reads a programme's claims in creation order: that is the order of their rows, and of
-- their engagements' and payments' rows (created in the same award), so each batch reads and
-- writes neighbouring pages instead of a random page per claim. Status is not indexed, so deciding
-- a claim changes no indexed column and, with room left on each page, its update is HOT.
DROP INDEX "subsidy_claims_program_idx";--> statement-breakpoint
CREATE INDEX "subsidy_claims_program_idx" ON "subsidy_claims" USING btree ("program_id","created_at","id");--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD COLUMN "cursor_created_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "reconciliation_runs" r SET "cursor_created_at" = c."created_at" FROM "subsidy_claims" c WHERE c."id" = r."cursor";--> statement-breakpoint
ALTER TABLE "subsidy_claims" SET (fillfactor = 60);--> statement-breakpoint
-- The engagements behind each settlement line, written by the batch that approves them: the
-- paginated sub-resource and the auditors' export read them in key order.
CREATE TABLE "settlement_engagements" (
	"settlement_id" uuid NOT NULL,
	"payee_type" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "settlement_engagements_settlement_id_payee_type_payee_id_engagement_id_pk" PRIMARY KEY("settlement_id","payee_type","payee_id","engagement_id")
);
--> statement-breakpoint
-- The trail tables take a row per claim from statements whose parent row (the run, its
-- settlement) is locked or created in the same transaction: a per-row foreign-key check adds a
-- lookup per claim and guards nothing. Nothing reads decisions by claim.
ALTER TABLE "reconciliation_decisions" DROP CONSTRAINT "reconciliation_decisions_run_id_reconciliation_runs_id_fk";--> statement-breakpoint
DROP INDEX "reconciliation_decisions_claim_idx";--> statement-breakpoint
INSERT INTO "settlement_engagements" (settlement_id, payee_type, payee_id, engagement_id, claim_id, amount)
  SELECT settlement_id, payee_type, payee_id, engagement_id, id, approved_amount FROM subsidy_claims
  WHERE settlement_id IS NOT NULL AND approved_amount > 0;
