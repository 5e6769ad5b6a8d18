CREATE TABLE "alliances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"districts" text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expiry_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"memberships_lapsed" integer NOT NULL,
	"credentials_expired" integer NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliance_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"status" text NOT NULL,
	"vetted_until" timestamp (3) with time zone,
	"suspended_reason" text,
	"applied_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_memberships_once" UNIQUE("alliance_id","provider_id"),
	CONSTRAINT "alliance_memberships_status" CHECK ("alliance_memberships"."status" in ('pending', 'active', 'suspended', 'lapsed')),
	CONSTRAINT "alliance_memberships_active_has_term" CHECK ("alliance_memberships"."status" <> 'active' or "alliance_memberships"."vetted_until" is not null)
);
--> statement-breakpoint
CREATE TABLE "provider_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"type" text NOT NULL,
	"issuer" text NOT NULL,
	"number" text NOT NULL,
	"country" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"expired" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"district" text NOT NULL,
	"categories" text[] NOT NULL,
	"services" text[] NOT NULL,
	"countries" text[] NOT NULL,
	"overseas_offices" text[] DEFAULT '{}' NOT NULL,
	"sectors" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"currency" text NOT NULL,
	"price_min" bigint NOT NULL,
	"price_max" bigint NOT NULL,
	"capacity" integer NOT NULL,
	"vetted_until" timestamp (3) with time zone,
	"alliance_ids" uuid[] DEFAULT '{}' NOT NULL,
	"applied_alliance_ids" uuid[] DEFAULT '{}' NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alliance_memberships" ADD CONSTRAINT "alliance_memberships_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_memberships" ADD CONSTRAINT "alliance_memberships_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_credentials" ADD CONSTRAINT "provider_credentials_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_memberships_provider_idx" ON "alliance_memberships" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "alliance_memberships_expiry_idx" ON "alliance_memberships" USING btree ("vetted_until") WHERE "alliance_memberships"."status" = 'active';--> statement-breakpoint
CREATE INDEX "provider_credentials_provider_idx" ON "provider_credentials" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "provider_credentials_expiry_idx" ON "provider_credentials" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "providers_search_idx" ON "providers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "providers_categories_idx" ON "providers" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "providers_services_idx" ON "providers" USING gin ("services");--> statement-breakpoint
CREATE INDEX "providers_countries_idx" ON "providers" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "providers_sectors_idx" ON "providers" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "providers_languages_idx" ON "providers" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "providers_alliances_idx" ON "providers" USING gin ("alliance_ids");--> statement-breakpoint
CREATE INDEX "providers_district_idx" ON "providers" USING btree ("district");--> statement-breakpoint
CREATE INDEX "providers_vetted_idx" ON "providers" USING btree ("vetted_until");--> statement-breakpoint
CREATE INDEX "providers_list_idx" ON "providers" USING btree ("created_at","id");