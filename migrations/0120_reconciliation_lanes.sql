-- Reconciliation in lanes (issue 17): a run's committed claims are split by the last byte of their
-- id into lanes that are walked at the same time, each batch in a transaction of its own, so the
-- per-claim writes use every core. Each lane keeps its own cursor, so a killed worker resumes
-- every lane where it stopped. The run keeps the totals; its single cursor goes.
CREATE TABLE "reconciliation_lanes" (
	"run_id" uuid NOT NULL,
	"lane" smallint NOT NULL,
	"lanes" smallint NOT NULL,
	"cursor" uuid,
	"cursor_created_at" timestamp (3) with time zone,
	"done" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reconciliation_lanes_run_id_lane_pk" PRIMARY KEY("run_id","lane"),
	CONSTRAINT "reconciliation_lanes_lane" CHECK ("lane" >= 0 AND "lane" < "lanes")
);--> statement-breakpoint
ALTER TABLE "reconciliation_lanes" ADD CONSTRAINT "reconciliation_lanes_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A run under way when this ships walks on as one lane, from its cursor.
INSERT INTO "reconciliation_lanes" ("run_id", "lane", "lanes", "cursor", "cursor_created_at")
SELECT "id", 0, 1, "cursor", "cursor_created_at" FROM "reconciliation_runs" WHERE "status" = 'running';--> statement-breakpoint
ALTER TABLE "reconciliation_runs" DROP COLUMN "cursor";--> statement-breakpoint
ALTER TABLE "reconciliation_runs" DROP COLUMN "cursor_created_at";
