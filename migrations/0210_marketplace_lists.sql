-- The marketplace's own lists (issue 25): an enterprise's requests and engagements, a provider's
-- inbox, bids, engagements and subsidy claims, each newest first by (created_at, id) so a page is
-- one index range scan whatever the table's size (100,000 engagements and more).
-- An invitation gets an id (the inbox's `POST /v1/invitations/{id}/decline`), says who made it
-- (matching, or the enterprise choosing a provider itself) and keeps a decline with its reason.
ALTER TABLE "invitations" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "source" text DEFAULT 'matching' NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "declined_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_source" CHECK ("source" in ('matching', 'enterprise'));--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_declined" CHECK (("declined_at" is null) = ("decline_reason" is null));--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_id_idx" ON "invitations" USING btree ("id");--> statement-breakpoint
-- The inbox pages by (invited_at, id); fair exposure's per-provider range reads the same index.
DROP INDEX IF EXISTS "invitations_provider_idx";--> statement-breakpoint
CREATE INDEX "invitations_provider_idx" ON "invitations" USING btree ("provider_id","invited_at","id");--> statement-breakpoint
DROP INDEX IF EXISTS "service_requests_enterprise_idx";--> statement-breakpoint
CREATE INDEX "service_requests_enterprise_idx" ON "service_requests" USING btree ("enterprise_id","created_at","id");--> statement-breakpoint
CREATE INDEX "bids_provider_list_idx" ON "bids" USING btree ("provider_id","created_at","id");--> statement-breakpoint
DROP INDEX IF EXISTS "engagements_enterprise_idx";--> statement-breakpoint
CREATE INDEX "engagements_enterprise_idx" ON "engagements" USING btree ("enterprise_id","created_at","id");--> statement-breakpoint
DROP INDEX IF EXISTS "engagements_provider_idx";--> statement-breakpoint
CREATE INDEX "engagements_provider_idx" ON "engagements" USING btree ("provider_id","created_at","id");--> statement-breakpoint
CREATE INDEX "subsidy_claims_provider_payee_idx" ON "subsidy_claims" USING btree ("payee_id","created_at","id") WHERE "payee_type" = 'provider';--> statement-breakpoint
-- Whom the provider of an engagement talks to at the enterprise (issue 25: name, contact and USCC).
ALTER TABLE "enterprises" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_phone" text;
