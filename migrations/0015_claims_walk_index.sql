DROP INDEX "subsidy_claims_program_idx";--> statement-breakpoint
CREATE INDEX "subsidy_claims_program_idx" ON "subsidy_claims" USING btree ("program_id","status","id");