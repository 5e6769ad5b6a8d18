-- Per-provider marketplace history for matching (issue 14): a read model kept exact by triggers.
-- Every statement that writes engagements, payments, invitations or bids recomputes, from the
-- source rows, the stats of the providers it touched, in the same transaction. Recomputing rather
-- than adding deltas keeps the figures the same function of the source rows whoever writes them
-- (the application, the demo seed, the evaluator, the bench), in any order and in bulk.

CREATE INDEX "bids_provider_idx" ON "bids" USING btree ("provider_id", "request_id");
--> statement-breakpoint
CREATE TABLE "provider_stats" (
	"provider_id" uuid PRIMARY KEY NOT NULL REFERENCES "providers"("id"),
	"rating_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"engagements_closed" integer DEFAULT 0 NOT NULL,
	"engagements_completed" integer DEFAULT 0 NOT NULL,
	"engagements_open" integer DEFAULT 0 NOT NULL,
	"engagements_won" integer DEFAULT 0 NOT NULL,
	"bids_placed" integer DEFAULT 0 NOT NULL,
	"invitations_received" integer DEFAULT 0 NOT NULL,
	"invitations_bid" integer DEFAULT 0 NOT NULL,
	"median_hours_to_first_bid" double precision,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Completed engagements by the target countries of their request: track record sums the rows
-- whose countries overlap a new request's, so an engagement in two of them counts once.
CREATE TABLE "provider_country_completions" (
	"provider_id" uuid NOT NULL REFERENCES "providers"("id"),
	"countries" text[] NOT NULL,
	"completed" integer NOT NULL,
	PRIMARY KEY ("provider_id", "countries")
);
--> statement-breakpoint
-- Creates the providers' stats rows and locks them, in id order (no deadlock between two
-- statements locking overlapping sets). The recompute that follows runs in a new statement, so
-- under READ COMMITTED it sees every transaction that held these rows before us.
CREATE FUNCTION provider_stats_lock(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO provider_stats (provider_id)
	SELECT DISTINCT id FROM unnest(ids) AS id WHERE id IS NOT NULL ORDER BY id
	ON CONFLICT (provider_id) DO NOTHING;
	PERFORM 1 FROM provider_stats WHERE provider_id = ANY (ids) ORDER BY provider_id FOR UPDATE;
END $$;
--> statement-breakpoint
-- Ratings, closed (completed or cancelled — a lost dispute ends cancelled), completed (and not
-- refunded in full), open (capacity), won (every engagement: a bid the enterprise chose), and
-- completions by the request's countries.
CREATE FUNCTION provider_stats_refresh_delivery(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF coalesce(cardinality(ids), 0) = 0 THEN RETURN; END IF;
	PERFORM provider_stats_lock(ids);
	UPDATE provider_stats s SET
		rating_count = coalesce(a.rating_count, 0),
		rating_sum = coalesce(a.rating_sum, 0),
		engagements_closed = coalesce(a.closed, 0),
		engagements_completed = coalesce(a.completed, 0),
		engagements_open = coalesce(a.open, 0),
		engagements_won = coalesce(a.won, 0),
		updated_at = now()
	FROM unnest(ids) AS t(id)
	LEFT JOIN (
		SELECT e.provider_id,
			count(e.rating)::int AS rating_count,
			coalesce(sum(e.rating), 0)::int AS rating_sum,
			count(*) FILTER (WHERE e.status IN ('completed', 'cancelled'))::int AS closed,
			count(*) FILTER (WHERE e.status = 'completed' AND p.status IS DISTINCT FROM 'refunded')::int AS completed,
			count(*) FILTER (WHERE e.status IN ('awaiting_payment', 'in_progress', 'delivered', 'disputed'))::int AS open,
			count(*)::int AS won
		FROM engagements e
		LEFT JOIN payments p ON p.engagement_id = e.id
		WHERE e.provider_id = ANY (ids)
		GROUP BY e.provider_id
	) a ON a.provider_id = t.id
	WHERE s.provider_id = t.id;
	DELETE FROM provider_country_completions WHERE provider_id = ANY (ids);
	INSERT INTO provider_country_completions (provider_id, countries, completed)
	SELECT e.provider_id, r.countries, count(*)::int
	FROM engagements e
	JOIN service_requests r ON r.id = e.request_id
	LEFT JOIN payments p ON p.engagement_id = e.id
	WHERE e.provider_id = ANY (ids) AND e.status = 'completed' AND p.status IS DISTINCT FROM 'refunded'
	GROUP BY e.provider_id, r.countries;
END $$;
--> statement-breakpoint
-- Requests bid on; invitations received, those bid on, and the median hours from invitation to
-- the provider's first bid on that request (negative when it bid before being invited; the
-- reader clamps).
CREATE FUNCTION provider_stats_refresh_response(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF coalesce(cardinality(ids), 0) = 0 THEN RETURN; END IF;
	PERFORM provider_stats_lock(ids);
	UPDATE provider_stats s SET
		invitations_received = coalesce(a.invited, 0),
		invitations_bid = coalesce(a.bid, 0),
		median_hours_to_first_bid = a.median_hours,
		bids_placed = coalesce((SELECT count(DISTINCT b.request_id) FROM bids b WHERE b.provider_id = t.id), 0),
		updated_at = now()
	FROM unnest(ids) AS t(id)
	LEFT JOIN (
		SELECT i.provider_id, count(*)::int AS invited, count(b.first_at)::int AS bid,
			percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.first_at - i.invited_at) / 3600) AS median_hours
		FROM invitations i
		LEFT JOIN LATERAL (
			SELECT min(b.created_at) AS first_at FROM bids b WHERE b.request_id = i.request_id AND b.provider_id = i.provider_id
		) b ON true
		WHERE i.provider_id = ANY (ids)
		GROUP BY i.provider_id
	) a ON a.provider_id = t.id
	WHERE s.provider_id = t.id;
END $$;
--> statement-breakpoint
CREATE FUNCTION provider_stats_engagements_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM provider_stats_refresh_delivery(array(SELECT DISTINCT provider_id FROM new_rows));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM provider_stats_refresh_delivery(array(SELECT DISTINCT provider_id FROM old_rows));
	ELSE
		-- Most updates (delivery dates, invoices, disputes' reasons) change nothing counted here.
		PERFORM provider_stats_refresh_delivery(array(
			SELECT DISTINCT unnest(array[o.provider_id, n.provider_id])
			FROM old_rows o JOIN new_rows n ON n.id = o.id
			WHERE (o.status, o.rating, o.provider_id, o.request_id) IS DISTINCT FROM (n.status, n.rating, n.provider_id, n.request_id)));
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION provider_stats_payments_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM provider_stats_refresh_delivery(array(
			SELECT DISTINCT e.provider_id FROM new_rows n JOIN engagements e ON e.id = n.engagement_id WHERE n.status = 'refunded'));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM provider_stats_refresh_delivery(array(
			SELECT DISTINCT e.provider_id FROM old_rows o JOIN engagements e ON e.id = o.engagement_id WHERE o.status = 'refunded'));
	ELSE
		PERFORM provider_stats_refresh_delivery(array(
			SELECT DISTINCT e.provider_id
			FROM old_rows o JOIN new_rows n ON n.id = o.id
			JOIN engagements e ON e.id IN (o.engagement_id, n.engagement_id)
			WHERE (o.status = 'refunded') IS DISTINCT FROM (n.status = 'refunded') OR o.engagement_id <> n.engagement_id));
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION provider_stats_invitations_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM provider_stats_refresh_response(array(SELECT DISTINCT provider_id FROM new_rows));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM provider_stats_refresh_response(array(SELECT DISTINCT provider_id FROM old_rows));
	ELSE
		PERFORM provider_stats_refresh_response(array(
			SELECT DISTINCT unnest(array[o.provider_id, n.provider_id])
			FROM old_rows o JOIN new_rows n ON (n.request_id, n.provider_id) = (o.request_id, o.provider_id)
			WHERE o.invited_at IS DISTINCT FROM n.invited_at
			UNION
			-- A changed key does not join: both sides count as touched.
			SELECT o.provider_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE (n.request_id, n.provider_id) = (o.request_id, o.provider_id))
			UNION
			SELECT n.provider_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE (n.request_id, n.provider_id) = (o.request_id, o.provider_id))));
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION provider_stats_bids_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM provider_stats_refresh_response(array(SELECT DISTINCT provider_id FROM new_rows));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM provider_stats_refresh_response(array(SELECT DISTINCT provider_id FROM old_rows));
	ELSE
		-- Status changes (lost, awarded, withdrawn) do not move a first bid's time.
		PERFORM provider_stats_refresh_response(array(
			SELECT DISTINCT unnest(array[o.provider_id, n.provider_id])
			FROM old_rows o JOIN new_rows n ON n.id = o.id
			WHERE (o.created_at, o.provider_id, o.request_id) IS DISTINCT FROM (n.created_at, n.provider_id, n.request_id)));
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER provider_stats_engagements_insert AFTER INSERT ON engagements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_engagements_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_engagements_update AFTER UPDATE ON engagements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_engagements_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_engagements_delete AFTER DELETE ON engagements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_engagements_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_payments_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_payments_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_payments_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_payments_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_payments_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_payments_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_invitations_insert AFTER INSERT ON invitations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_invitations_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_invitations_update AFTER UPDATE ON invitations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_invitations_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_invitations_delete AFTER DELETE ON invitations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_invitations_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_bids_insert AFTER INSERT ON bids REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_bids_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_bids_update AFTER UPDATE ON bids REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_bids_written();
--> statement-breakpoint
CREATE TRIGGER provider_stats_bids_delete AFTER DELETE ON bids REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION provider_stats_bids_written();
--> statement-breakpoint
-- The history written before this migration.
SELECT provider_stats_refresh_delivery(array(SELECT DISTINCT provider_id FROM engagements));
--> statement-breakpoint
SELECT provider_stats_refresh_response(array(SELECT DISTINCT provider_id FROM invitations UNION SELECT DISTINCT provider_id FROM bids));
