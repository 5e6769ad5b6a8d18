ALTER TABLE "quality_replays" ADD COLUMN "tuned" boolean DEFAULT false NOT NULL;
