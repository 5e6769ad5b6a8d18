-- Group issue (issue 31): the issues of one programme that arrive while the previous batch is in
-- Postgres go in one statement and one commit, instead of a round trip, a commit and a wakeup
-- each. Every item runs voucher_issue_for_enterprise in a subtransaction of its own, so one that
-- is refused (no such enterprise, another district, a group over its cap, the budget spent) is
-- answered alone and changes nothing, and the others go on, in arrival order, exactly as if each
-- had come on its own. Anything else aborts the batch, and the api runs its items one by one.
-- One batch of a programme at a time per api process. It holds the programme's accounts from its
-- first item on, so a lone issue of another process (a group's row, then the accounts at commit)
-- can deadlock with it: Postgres rolls one back, and the api runs that one again.
CREATE FUNCTION voucher_issue_batch(items jsonb)
RETURNS TABLE (ord integer, refused text, detail text, constraint_name text, voucher jsonb) LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  issued vouchers;
BEGIN
  -- The ledger's moves apply at each item's end instead of the commit (0011 defers them), so an
  -- item that overdraws the budget fails in its own subtransaction, not the whole batch.
  SET CONSTRAINTS ALL IMMEDIATE;
  ord := 0;
  FOR item IN SELECT value FROM jsonb_array_elements(items) LOOP
    refused := NULL; detail := NULL; constraint_name := NULL; voucher := NULL;
    BEGIN
      SELECT * INTO issued FROM voucher_issue_for_enterprise(
        (item->>'id')::uuid, (item->>'programId')::uuid, (item->>'enterpriseId')::uuid, item->>'district', item->>'currency',
        (item->>'faceValue')::bigint, (item->>'expiresAt')::timestamptz, (item->>'cap')::bigint,
        item->'posting', item->'audit', item->'outbox');
      IF FOUND THEN voucher := to_jsonb(issued); ELSE refused := 'cap'; END IF;
    EXCEPTION WHEN SQLSTATE 'SWE01' OR SQLSTATE 'SWE02' OR check_violation THEN
      GET STACKED DIAGNOSTICS refused = RETURNED_SQLSTATE, detail = MESSAGE_TEXT, constraint_name = CONSTRAINT_NAME;
    END;
    RETURN NEXT;
    ord := ord + 1;
  END LOOP;
END;
$$;
