-- The invoices a run's claims share with another claim. Each batch's invoice probe already reads
-- every claim on a claim's invoice (to find it claimed earlier in another programme), so it records
-- the shared ones here as it goes, and the run's `invoice_reused` flag reads these few keys instead
-- of joining all the programme's claims to all claims at the run's end (3 s of three processes
-- after a run of 1,000,000 claims, each with its own invoice).
CREATE TABLE "reconciliation_shared_invoices" (
	"run_id" uuid NOT NULL,
	"invoice_key" text NOT NULL,
	CONSTRAINT "reconciliation_shared_invoices_run_id_invoice_key_pk" PRIMARY KEY("run_id","invoice_key")
);
