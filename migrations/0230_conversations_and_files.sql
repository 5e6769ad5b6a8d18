-- Conversations and documents (issue 27): questions on a request, an engagement's messages and
-- who has read them, uploaded files and where each is attached, and what a delivery handed over.
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploader_org" text NOT NULL,
	"uploader_role" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "files_status" CHECK ("status" in ('pending', 'clean', 'infected')),
	CONSTRAINT "files_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
);--> statement-breakpoint
CREATE INDEX "files_uploader_idx" ON "files" USING btree ("uploader_org","created_at");--> statement-breakpoint
CREATE TABLE "file_attachments" (
	"file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"object_id" uuid NOT NULL,
	"attached_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_attachments_file_id_kind_object_id_pk" PRIMARY KEY("file_id","kind","object_id"),
	CONSTRAINT "file_attachments_kind" CHECK ("kind" in ('request', 'bid', 'message', 'delivery', 'credential', 'fapiao'))
);--> statement-breakpoint
ALTER TABLE "file_attachments" ADD CONSTRAINT "file_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_attachments_object_idx" ON "file_attachments" USING btree ("kind","object_id");--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"note" text NOT NULL,
	"delivered_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "deliveries_engagement_idx" ON "deliveries" USING btree ("engagement_id","created_at");--> statement-breakpoint
CREATE TABLE "request_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"text" text NOT NULL,
	"answer" text,
	"answer_public" boolean,
	"answered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_questions_answer" CHECK (("answer" is null) = ("answer_public" is null) and ("answer" is null) = ("answered_at" is null))
);--> statement-breakpoint
CREATE INDEX "request_questions_request_idx" ON "request_questions" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE TABLE "engagement_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"author_org" text NOT NULL,
	"author_sub" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "engagement_messages_engagement_idx" ON "engagement_messages" USING btree ("engagement_id","created_at","id");--> statement-breakpoint
CREATE TABLE "engagement_message_reads" (
	"engagement_id" uuid NOT NULL,
	"reader" text NOT NULL,
	"read_until" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "engagement_message_reads_engagement_id_reader_pk" PRIMARY KEY("engagement_id","reader")
);
