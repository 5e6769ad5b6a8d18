-- The ledger is enforced by the database, not by callers (ARCHITECTURE.md "Money"):
-- balances change only through inserted moves, postings and moves are never changed or removed.

-- A move is applied to the balances at COMMIT (a deferred constraint trigger), inside the
-- server: the programme's hot account rows are then locked only for the commit itself, never
-- across a round trip to the application. The two rows are updated in account-name order, the
-- same order everywhere, so postings do not deadlock. The accounts' check constraints refuse an
-- overdrawn account there, which fails the COMMIT: nothing of a refused transaction remains.
CREATE FUNCTION ledger_apply_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_account text := least(NEW.from_account, NEW.to_account);
  second_account text := greatest(NEW.from_account, NEW.to_account);
BEGIN
  IF current_setting('seaward.ledger_bulk', true) = 'on' THEN
    RETURN NULL; -- applied per statement by ledger_apply_moves_in_bulk
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ledger_postings WHERE id = NEW.posting_id AND program_id = NEW.program_id) THEN
    RAISE EXCEPTION 'a move must belong to its posting''s programme';
  END IF;
  UPDATE ledger_accounts SET balance = balance + CASE WHEN account = NEW.to_account THEN NEW.amount ELSE -NEW.amount END
  WHERE program_id = NEW.program_id AND account = first_account;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger account %/% does not exist', NEW.program_id, first_account USING ERRCODE = 'foreign_key_violation';
  END IF;
  UPDATE ledger_accounts SET balance = balance + CASE WHEN account = NEW.to_account THEN NEW.amount ELSE -NEW.amount END
  WHERE program_id = NEW.program_id AND account = second_account;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger account %/% does not exist', NEW.program_id, second_account USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_moves_apply
  AFTER INSERT ON ledger_moves
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_move();
--> statement-breakpoint
-- Set-based jobs (reconciliation) insert many moves at once with seaward.ledger_bulk = on in
-- their transaction: the statement's moves are then netted per account and applied at once.
CREATE FUNCTION ledger_apply_moves_in_bulk() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF current_setting('seaward.ledger_bulk', true) IS DISTINCT FROM 'on' THEN
    RETURN NULL; -- applied per row at commit by ledger_apply_move
  END IF;
  IF EXISTS (SELECT 1 FROM new_moves m JOIN ledger_postings p ON p.id = m.posting_id WHERE p.program_id <> m.program_id) THEN
    RAISE EXCEPTION 'a move must belong to its posting''s programme';
  END IF;
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
CREATE TRIGGER ledger_moves_apply_in_bulk
  AFTER INSERT ON ledger_moves
  REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_moves_in_bulk();
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
