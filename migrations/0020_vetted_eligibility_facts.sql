-- What the alliance vetted: the district and categories a provider had when a manager approved it.
-- Subsidy eligibility reads these, so a provider's own profile edit takes effect only on re-vetting.
ALTER TABLE "alliance_memberships" ADD COLUMN "vetted_district" text;--> statement-breakpoint
ALTER TABLE "alliance_memberships" ADD COLUMN "vetted_categories" text[];--> statement-breakpoint
UPDATE "alliance_memberships" m SET "vetted_district" = p."district", "vetted_categories" = p."categories"
  FROM "providers" p WHERE p."id" = m."provider_id" AND m."status" = 'active';--> statement-breakpoint
-- The eligibility facts an award checked, kept on its claim for reconciliation to check again.
ALTER TABLE "subsidy_claims" ADD COLUMN "eligibility" jsonb;
