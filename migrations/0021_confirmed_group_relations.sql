-- A declared parent group counts for subsidy caps only once the district's officer confirms it.
ALTER TABLE "enterprises" ADD COLUMN "confirmed_parent_uscc" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "group_confirmed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "group_confirmed_by" text;
