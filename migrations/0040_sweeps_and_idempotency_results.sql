CREATE TABLE "sweeps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sweep" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"examined" integer NOT NULL,
	"requeued" integer NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_results" (
	"owner" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb,
	"problem" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_results_owner_key_pk" PRIMARY KEY("owner","key")
);
--> statement-breakpoint
CREATE INDEX "sweeps_sweep_idx" ON "sweeps" USING btree ("sweep","started_at");--> statement-breakpoint
CREATE INDEX "outbox_stripe_event_idx" ON "outbox" USING btree (("payload"->>'eventId')) WHERE "outbox"."queue" = 'webhooks';--> statement-breakpoint
CREATE INDEX "outbox_run_idx" ON "outbox" USING btree (("payload"->>'runId')) WHERE "outbox"."queue" = 'reconciliation';--> statement-breakpoint
CREATE INDEX "outbox_replay_idx" ON "outbox" USING btree (("payload"->>'replayId')) WHERE "outbox"."queue" = 'quality';