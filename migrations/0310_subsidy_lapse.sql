-- A subsidy does not wait for ever (issue 26): an engagement not accepted SUBSIDY_ACCEPTANCE_DAYS
-- after its award gives its committed subsidy back to the programme, once; this is when.
ALTER TABLE "engagements" ADD COLUMN "subsidy_lapsed_at" timestamp (3) with time zone;--> statement-breakpoint
-- The expiry sweep's walk: subsidised engagements not yet accepted nor lapsed, oldest first.
CREATE INDEX "engagements_subsidy_pending_idx" ON "engagements" USING btree ("created_at") WHERE "subsidy" is not null and "accepted_at" is null and "subsidy_lapsed_at" is null;
