-- Issue 28: programmes that target (eligibility rules set at creation, like every other term),
-- enterprises applying for vouchers, and the city's monthly reports, frozen when a month closes.
ALTER TABLE "programs" ADD COLUMN "eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE TABLE "voucher_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"district" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"need" text NOT NULL,
	"country" text NOT NULL,
	"service" text NOT NULL,
	"currency" text NOT NULL,
	"estimated_price" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"voucher_id" uuid,
	"reason" text,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"sla_flagged_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_applications_status" CHECK ("status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "voucher_applications_price" CHECK ("estimated_price" > 0),
	CONSTRAINT "voucher_applications_decided" CHECK (("status" = 'pending') = ("decided_at" is null)),
	CONSTRAINT "voucher_applications_voucher" CHECK (("status" = 'approved') = ("voucher_id" is not null))
);--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_applications" ADD CONSTRAINT "voucher_applications_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_applications_one_voucher" ON "voucher_applications" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "voucher_applications_district_idx" ON "voucher_applications" USING btree ("district","created_at","id");--> statement-breakpoint
CREATE INDEX "voucher_applications_enterprise_idx" ON "voucher_applications" USING btree ("enterprise_id","created_at","id");--> statement-breakpoint
-- The SLA sweep reads only what is still unanswered and not yet flagged.
CREATE INDEX "voucher_applications_sla_idx" ON "voucher_applications" USING btree ("created_at") WHERE "status" = 'pending' AND "sla_flagged_at" IS NULL;--> statement-breakpoint
CREATE TABLE "city_report_months" (
	"district" text NOT NULL,
	"month" text NOT NULL,
	"city" text NOT NULL,
	"figures" jsonb NOT NULL,
	"closed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_report_months_district_month_pk" PRIMARY KEY("district","month"),
	CONSTRAINT "city_report_months_month" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);--> statement-breakpoint
CREATE INDEX "city_report_months_city_idx" ON "city_report_months" USING btree ("city","month");
