-- Files on disputes and fapiao (issue 26): a milestone dispute carries the parties' evidence, and a
-- fapiao record names the files (the fapiao's PDF or OFD) it was recorded with.
ALTER TABLE "file_attachments" DROP CONSTRAINT "file_attachments_kind";--> statement-breakpoint
ALTER TABLE "file_attachments" ADD CONSTRAINT "file_attachments_kind" CHECK ("kind" in ('request', 'bid', 'message', 'delivery', 'credential', 'fapiao', 'dispute'));--> statement-breakpoint
ALTER TABLE "fapiao_records" ADD COLUMN "file_ids" uuid[] DEFAULT '{}' NOT NULL;
