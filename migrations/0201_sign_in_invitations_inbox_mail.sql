CREATE TABLE "sign_in_attempts" (
	"state" text PRIMARY KEY NOT NULL,
	"code_verifier" text NOT NULL,
	"nonce" text NOT NULL,
	"return_to" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "colleague_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"organisation_type" text NOT NULL,
	"organisation_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL CHECK ("role" IN ('owner', 'member')),
	"invited_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"accepted_by" uuid REFERENCES "people"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "colleague_invitations_token" ON "colleague_invitations" ("token_hash");
--> statement-breakpoint
CREATE INDEX "colleague_invitations_organisation" ON "colleague_invitations" ("organisation_type", "organisation_id");
--> statement-breakpoint
CREATE TABLE "inbox_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "people"("id"),
	"outbox_id" bigint NOT NULL,
	"event" text NOT NULL,
	"recipient_org" text,
	"data" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_person_outbox" ON "inbox_items" ("person_id", "outbox_id");
--> statement-breakpoint
CREATE INDEX "inbox_items_person_created" ON "inbox_items" ("person_id", "created_at");
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"person_id" uuid PRIMARY KEY NOT NULL REFERENCES "people"("id"),
	"email" boolean DEFAULT true NOT NULL,
	"muted_events" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_deliveries" (
	"key" text PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
