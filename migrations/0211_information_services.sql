-- Information services of the Guiding Opinions (issue 29): country briefs kept in versions, risk
-- alerts with the enterprises told of each (once per enterprise per alert), and the request desk
-- with its working-day deadline on the mainland calendar.
CREATE TABLE "country_briefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country" text NOT NULL,
	"version" integer NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"publisher_role" text NOT NULL,
	"publisher_org" text NOT NULL,
	"published_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "country_briefs_country_version" UNIQUE("country","version")
);--> statement-breakpoint
CREATE TABLE "risk_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"countries" text[] NOT NULL,
	"level" smallint NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"sectors" text[] DEFAULT '{}' NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_to" timestamp (3) with time zone NOT NULL,
	"publisher_org" text NOT NULL,
	"published_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_alerts_level" CHECK ("level" between 1 and 4),
	CONSTRAINT "risk_alerts_validity" CHECK ("valid_to" > "valid_from")
);--> statement-breakpoint
CREATE INDEX "risk_alerts_countries_idx" ON "risk_alerts" USING gin ("countries");--> statement-breakpoint
CREATE TABLE "risk_alert_notices" (
	"alert_id" uuid NOT NULL REFERENCES "risk_alerts"("id"),
	"enterprise_id" uuid NOT NULL,
	"notified_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_alert_notices_pk" PRIMARY KEY("alert_id","enterprise_id")
);--> statement-breakpoint
CREATE TABLE "desk_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"district" text NOT NULL,
	"topic" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"asked_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"taken_by" text,
	"taken_at" timestamp (3) with time zone,
	"answer" text,
	"provider_ids" uuid[] DEFAULT '{}' NOT NULL,
	"program_ids" uuid[] DEFAULT '{}' NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"outcome" text,
	"closed_at" timestamp (3) with time zone,
	"overdue_flagged_at" timestamp (3) with time zone,
	CONSTRAINT "desk_questions_topic" CHECK ("topic" in ('odi_filing', 'tax', 'legal', 'vouchers', 'other')),
	CONSTRAINT "desk_questions_status" CHECK ("status" in ('open', 'taken', 'answered', 'closed')),
	CONSTRAINT "desk_questions_outcome" CHECK (("status" = 'closed') = ("outcome" is not null) and ("outcome" is null or "outcome" in ('answered', 'referred', 'odi_filed', 'odi_approved')))
);--> statement-breakpoint
CREATE INDEX "desk_questions_enterprise_idx" ON "desk_questions" USING btree ("enterprise_id","asked_at","id");--> statement-breakpoint
CREATE INDEX "desk_questions_district_idx" ON "desk_questions" USING btree ("district","asked_at","id");--> statement-breakpoint
-- The overdue sweep reads only questions still waiting and not yet flagged.
CREATE INDEX "desk_questions_unflagged_idx" ON "desk_questions" USING btree ("due_at") WHERE "overdue_flagged_at" is null and "status" <> 'closed';--> statement-breakpoint
CREATE TABLE "desk_calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "desk_calendar_days_kind" CHECK ("kind" in ('holiday', 'workday'))
);--> statement-breakpoint
-- 2026: the State Council's schedule (checked against chinese-days 1.5.7). 2027: the statutory days
-- only, until the admin loads the published schedule (PUT /v1/desk/calendar/2027).
INSERT INTO "desk_calendar_days" ("day", "kind", "source") VALUES
('2026-01-01', 'holiday', '国办发明电〔2025〕7号'),
('2026-01-02', 'holiday', '国办发明电〔2025〕7号'),
('2026-01-03', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-15', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-16', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-17', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-18', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-19', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-20', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-21', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-22', 'holiday', '国办发明电〔2025〕7号'),
('2026-02-23', 'holiday', '国办发明电〔2025〕7号'),
('2026-04-04', 'holiday', '国办发明电〔2025〕7号'),
('2026-04-05', 'holiday', '国办发明电〔2025〕7号'),
('2026-04-06', 'holiday', '国办发明电〔2025〕7号'),
('2026-05-01', 'holiday', '国办发明电〔2025〕7号'),
('2026-05-02', 'holiday', '国办发明电〔2025〕7号'),
('2026-05-03', 'holiday', '国办发明电〔2025〕7号'),
('2026-05-04', 'holiday', '国办发明电〔2025〕7号'),
('2026-05-05', 'holiday', '国办发明电〔2025〕7号'),
('2026-06-19', 'holiday', '国办发明电〔2025〕7号'),
('2026-06-20', 'holiday', '国办发明电〔2025〕7号'),
('2026-06-21', 'holiday', '国办发明电〔2025〕7号'),
('2026-09-25', 'holiday', '国办发明电〔2025〕7号'),
('2026-09-26', 'holiday', '国办发明电〔2025〕7号'),
('2026-09-27', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-01', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-02', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-03', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-04', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-05', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-06', 'holiday', '国办发明电〔2025〕7号'),
('2026-10-07', 'holiday', '国办发明电〔2025〕7号'),
('2026-01-04', 'workday', '国办发明电〔2025〕7号'),
('2026-02-14', 'workday', '国办发明电〔2025〕7号'),
('2026-02-28', 'workday', '国办发明电〔2025〕7号'),
('2026-05-09', 'workday', '国办发明电〔2025〕7号'),
('2026-09-20', 'workday', '国办发明电〔2025〕7号'),
('2026-10-10', 'workday', '国办发明电〔2025〕7号'),
('2027-01-01', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-02-05', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-02-06', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-02-07', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-02-08', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-04-05', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-05-01', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-05-02', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-06-09', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-09-15', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-10-01', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-10-02', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded'),
('2027-10-03', 'holiday', 'statutory days (全国年节及纪念日放假办法, 2024); provisional until the State Council’s 2027 schedule is loaded');
