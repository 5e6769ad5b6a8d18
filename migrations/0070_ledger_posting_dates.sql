CREATE TABLE "ledger_posting_dates" (
	"posting_id" bigint PRIMARY KEY NOT NULL,
	"effective_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_posting_dates" ADD CONSTRAINT "ledger_posting_dates_posting_id_ledger_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."ledger_postings"("id") ON DELETE no action ON UPDATE no action;
