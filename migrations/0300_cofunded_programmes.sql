-- Co-funded programmes (issue 28 item 3): several funders (districts or cities), each with a
-- share of every claim and a budget of its own that is a hard limit, kept on the ledger.
CREATE TABLE "program_funders" (
	"program_id" uuid NOT NULL REFERENCES "programs"("id"),
	"funder" text NOT NULL,
	"position" integer NOT NULL,
	"share_bps" integer NOT NULL,
	"budget" bigint NOT NULL,
	CONSTRAINT "program_funders_pk" PRIMARY KEY("program_id","funder"),
	CONSTRAINT "program_funders_position" UNIQUE("program_id","position"),
	CONSTRAINT "program_funders_share" CHECK ("share_bps" between 1 and 10000),
	CONSTRAINT "program_funders_budget" CHECK ("budget" > 0)
);
--> statement-breakpoint
CREATE INDEX "program_funders_funder_idx" ON "program_funders" USING btree ("funder");
--> statement-breakpoint
-- Each claim's part per funder: committed at the award, approved (0 when rejected) by reconciliation.
CREATE TABLE "subsidy_claim_shares" (
	"claim_id" uuid NOT NULL REFERENCES "subsidy_claims"("id"),
	"program_id" uuid NOT NULL,
	"funder" text NOT NULL,
	"committed" bigint NOT NULL,
	"approved" bigint,
	CONSTRAINT "subsidy_claim_shares_pk" PRIMARY KEY("claim_id","funder"),
	CONSTRAINT "subsidy_claim_shares_amounts" CHECK ("committed" >= 0 and ("approved" is null or "approved" between 0 and "committed"))
);
--> statement-breakpoint
CREATE INDEX "subsidy_claim_shares_undecided_idx" ON "subsidy_claim_shares" USING btree ("program_id") WHERE "approved" is null;
--> statement-breakpoint
-- A funder's five accounts (no reserved: vouchers reserve on the programme, a funder binds at commit).
CREATE TABLE "funder_ledger_accounts" (
	"program_id" uuid NOT NULL REFERENCES "programs"("id"),
	"funder" text NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "funder_ledger_accounts_pk" PRIMARY KEY("program_id","funder","account"),
	CONSTRAINT "funder_ledger_accounts_known" CHECK ("account" in ('budget', 'available', 'committed', 'approved', 'paid')),
	CONSTRAINT "funder_ledger_accounts_available_non_negative" CHECK ("account" <> 'available' or "balance" >= 0),
	CONSTRAINT "funder_ledger_accounts_holding_non_negative" CHECK ("account" in ('budget', 'available') or "balance" >= 0),
	CONSTRAINT "funder_ledger_accounts_budget_non_positive" CHECK ("account" <> 'budget' or "balance" <= 0)
);
--> statement-breakpoint
CREATE TABLE "funder_ledger_moves" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" bigint NOT NULL REFERENCES "ledger_postings"("id"),
	"program_id" uuid NOT NULL,
	"funder" text NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "funder_ledger_moves_positive" CHECK ("amount" > 0),
	CONSTRAINT "funder_ledger_moves_two_accounts" CHECK ("from_account" <> "to_account")
);
--> statement-breakpoint
CREATE INDEX "funder_ledger_moves_posting_idx" ON "funder_ledger_moves" USING btree ("posting_id");
--> statement-breakpoint
CREATE INDEX "funder_ledger_moves_program_idx" ON "funder_ledger_moves" USING btree ("program_id","funder");
--> statement-breakpoint
-- As ledger_apply_move (migration 0011): applied at COMMIT, the two rows in account-name order,
-- so a funder's hot rows are locked for the commit only; an overdrawn `available` fails the COMMIT.
CREATE FUNCTION funder_ledger_apply_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_account text := least(NEW.from_account, NEW.to_account);
  second_account text := greatest(NEW.from_account, NEW.to_account);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_postings WHERE id = NEW.posting_id AND program_id = NEW.program_id) THEN
    RAISE EXCEPTION 'a funder move must belong to its posting''s programme';
  END IF;
  UPDATE funder_ledger_accounts SET balance = balance + CASE WHEN account = NEW.to_account THEN NEW.amount ELSE -NEW.amount END
  WHERE program_id = NEW.program_id AND funder = NEW.funder AND account = first_account;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'funder ledger account %/%/% does not exist', NEW.program_id, NEW.funder, first_account USING ERRCODE = 'foreign_key_violation';
  END IF;
  UPDATE funder_ledger_accounts SET balance = balance + CASE WHEN account = NEW.to_account THEN NEW.amount ELSE -NEW.amount END
  WHERE program_id = NEW.program_id AND funder = NEW.funder AND account = second_account;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'funder ledger account %/%/% does not exist', NEW.program_id, NEW.funder, second_account USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER funder_ledger_moves_apply
  AFTER INSERT ON funder_ledger_moves
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION funder_ledger_apply_move();
--> statement-breakpoint
CREATE FUNCTION funder_ledger_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.balance <> 0 THEN
      RAISE EXCEPTION 'funder ledger accounts open at zero; money arrives by a posting';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND NEW.program_id = OLD.program_id AND NEW.funder = OLD.funder
     AND NEW.account = OLD.account AND NEW.currency = OLD.currency THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger balances change only by postings (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER funder_ledger_accounts_guard
  BEFORE INSERT OR UPDATE OR DELETE ON funder_ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION funder_ledger_accounts_guard();
--> statement-breakpoint
CREATE TRIGGER funder_ledger_accounts_no_truncate
  BEFORE TRUNCATE ON funder_ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER funder_ledger_moves_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON funder_ledger_moves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER program_funders_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON program_funders
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
