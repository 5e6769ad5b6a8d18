-- A raised alert tells the enterprises it concerns again (issue 29): one notice per enterprise per
-- alert and level. Notices already written carry their alert's level.
ALTER TABLE "risk_alert_notices" ADD COLUMN "level" smallint;--> statement-breakpoint
UPDATE "risk_alert_notices" n SET "level" = a."level" FROM "risk_alerts" a WHERE a."id" = n."alert_id";--> statement-breakpoint
ALTER TABLE "risk_alert_notices" ALTER COLUMN "level" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_alert_notices" DROP CONSTRAINT "risk_alert_notices_pk";--> statement-breakpoint
ALTER TABLE "risk_alert_notices" ADD CONSTRAINT "risk_alert_notices_pk" PRIMARY KEY("alert_id","level","enterprise_id");
