CREATE TABLE "match_result_archives" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"candidates" integer NOT NULL,
	"pruned" integer NOT NULL,
	"archived_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_result_archives" ADD CONSTRAINT "match_result_archives_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;
