CREATE TABLE "program_alerts" (
	"program_id" uuid PRIMARY KEY NOT NULL,
	"available_below" bigint NOT NULL,
	"alerted_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_reviews" (
	"request_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"reviewer_org" text NOT NULL,
	"reviewer_sub" text NOT NULL,
	"verdict" text NOT NULL,
	"reason" text NOT NULL,
	"reviewed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_reviews_request_id_provider_id_reviewer_org_pk" PRIMARY KEY("request_id","provider_id","reviewer_org"),
	CONSTRAINT "match_reviews_verdict" CHECK ("match_reviews"."verdict" in ('good', 'poor'))
);
--> statement-breakpoint
CREATE TABLE "quality_replays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requested_by" text NOT NULL,
	"alliance_id" uuid,
	"weights" jsonb NOT NULL,
	"from" timestamp (3) with time zone NOT NULL,
	"to" timestamp (3) with time zone NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"result" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "program_alerts" ADD CONSTRAINT "program_alerts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_reviews_reviewer_idx" ON "match_reviews" USING btree ("reviewer_org","reviewed_at");