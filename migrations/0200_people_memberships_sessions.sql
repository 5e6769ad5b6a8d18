CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "people_issuer_subject" ON "people" ("issuer", "subject");
--> statement-breakpoint
CREATE INDEX "people_email" ON "people" (lower("email"));
--> statement-breakpoint
CREATE TABLE "organisation_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "people"("id"),
	"organisation_type" text NOT NULL,
	"organisation_id" text NOT NULL,
	"role" text NOT NULL CHECK ("role" IN ('owner', 'member')),
	"source" text DEFAULT 'seaward' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_memberships_current" ON "organisation_memberships" ("person_id", "organisation_type", "organisation_id") WHERE "removed_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "organisation_memberships_organisation" ON "organisation_memberships" ("organisation_type", "organisation_id") WHERE "removed_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "people"("id"),
	"active_membership_id" uuid REFERENCES "organisation_memberships"("id"),
	"id_token" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "auth_sessions_person" ON "auth_sessions" ("person_id");
