-- Provider search (issue 31), two indexes:
--
-- The facet counts of a large result set are estimated from the sample bucket (a sixteenth of the
-- providers). Intersecting the whole-table GIN indexes with the bucket's btree read every match's
-- index entries to keep a sixteenth of them; this index holds the sample only, so the sampled
-- count reads a sixteenth of the index as well as of the rows.
CREATE INDEX "providers_sample_search_idx" ON "providers" USING gin ("search_vector", "categories", "services", "countries", "sectors", "languages") WHERE "sample_bucket" = 0;--> statement-breakpoint
-- The page of a large result set is its newest matches, read by walking created_at backwards and
-- keeping the rows that match. With the facets and vetting in the index the walk reads index
-- pages in order (an index-only scan) instead of one heap page per provider it passes over.
DROP INDEX "providers_list_idx";--> statement-breakpoint
CREATE INDEX "providers_list_idx" ON "providers" USING btree ("created_at", "id") INCLUDE ("vetted_until", "categories", "services", "countries", "sectors", "languages", "district");
