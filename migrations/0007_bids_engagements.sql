CREATE TABLE "bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"price" bigint NOT NULL,
	"timeline_days" integer NOT NULL,
	"proposal" text NOT NULL,
	"milestones" jsonb NOT NULL,
	"status" text DEFAULT 'live' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_status" CHECK ("bids"."status" in ('live', 'withdrawn', 'awarded', 'lost')),
	CONSTRAINT "bids_price" CHECK ("bids"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"price" bigint NOT NULL,
	"subsidy" bigint,
	"enterprise_share" bigint NOT NULL,
	"status" text DEFAULT 'awaiting_payment' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagements_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "engagements_bid_id_unique" UNIQUE("bid_id"),
	CONSTRAINT "engagements_share" CHECK ("engagements"."enterprise_share" = "engagements"."price" - coalesce("engagements"."subsidy", 0) and "engagements"."enterprise_share" >= 0)
);
--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bids_one_live" ON "bids" USING btree ("request_id","provider_id") WHERE "bids"."status" = 'live';--> statement-breakpoint
CREATE INDEX "bids_request_idx" ON "bids" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "engagements_enterprise_idx" ON "engagements" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "engagements_provider_idx" ON "engagements" USING btree ("provider_id");