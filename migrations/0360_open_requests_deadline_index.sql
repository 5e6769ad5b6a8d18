-- The expiry sweep (every EXPIRY_SWEEP_MS) closes open requests past their bidding deadline. Without
-- an index it read every request ever made to find them: 1.9 s of a core at 1,000,000 requests, at
-- each sweep. Only open requests are in this index, so it stays as small as the open market.
CREATE INDEX "service_requests_open_deadline_idx" ON "service_requests" USING btree ("bidding_closes_at") WHERE "status" = 'open';
