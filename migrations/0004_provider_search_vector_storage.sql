-- Measured at 100,000 providers: search fetches thousands of matching rows for facet counts, and
-- bigram vectors made each row ~2 kB. Keeping the vector out of line (TOAST) halves the heap the
-- bitmap scan reads; only ranking the matched rows reads the vectors themselves.
ALTER TABLE "providers" ALTER COLUMN "search_vector" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "providers" SET (toast_tuple_target = 256);
