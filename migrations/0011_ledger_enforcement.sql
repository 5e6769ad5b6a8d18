-- The ledger is enforced by the database, not by callers (ARCHITECTURE.md "Money"):
-- balances change only through inserted moves, postings and moves are never changed or removed.

-- Applies a statement's moves to the balances, netted per account and in a fixed order (so two
-- postings never deadlock). The accounts' check constraints then refuse an overdrawn account,
-- which aborts the whole transaction: nothing of a refused posting remains.
CREATE FUNCTION ledger_apply_moves() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT program_id, account, sum(delta)::bigint AS delta
    FROM (
      SELECT program_id, from_account AS account, -amount AS delta FROM new_moves
      UNION ALL
      SELECT program_id, to_account, amount FROM new_moves
    ) d
    GROUP BY program_id, account
    ORDER BY program_id, account
  LOOP
    UPDATE ledger_accounts SET balance = balance + r.delta
    WHERE program_id = r.program_id AND account = r.account;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ledger account %/% does not exist', r.program_id, r.account USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_moves_apply
  AFTER INSERT ON ledger_moves
  REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_moves();
--> statement-breakpoint
-- Balances: opened at zero, changed only from inside ledger_apply_moves, never removed.
CREATE FUNCTION ledger_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.balance <> 0 THEN
      RAISE EXCEPTION 'ledger accounts open at zero; money arrives by a posting';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND NEW.program_id = OLD.program_id AND NEW.account = OLD.account
     AND NEW.currency = OLD.currency THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger balances change only by postings (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard
  BEFORE INSERT OR UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_guard();
--> statement-breakpoint
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate
  BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_moves_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_moves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
-- A move belongs to its posting's programme.
CREATE FUNCTION ledger_moves_same_program() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM new_moves m JOIN ledger_postings p ON p.id = m.posting_id WHERE p.program_id <> m.program_id
  ) THEN
    RAISE EXCEPTION 'a move must belong to its posting''s programme';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_moves_same_program
  AFTER INSERT ON ledger_moves
  REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_moves_same_program();
