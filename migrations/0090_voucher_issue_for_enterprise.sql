-- Voucher issue in one round trip (issue 17, continued): voucher_issue (migration 0051) needed the
-- enterprise's group key and district, read by the api in a round trip of its own before it.
-- This reads them in the same statement: the group is the confirmed parent's USCC when the
-- declared parent is confirmed (EnterprisesService.subsidyFacts), else the enterprise's own.
-- Refusals before anything is written: SWE01 no such enterprise; SWE02 the programme is for
-- another district (the message is the enterprise's district). A group over its cap returns no
-- row, as voucher_issue does.
CREATE FUNCTION voucher_issue_for_enterprise(
  v_id uuid, v_program uuid, v_enterprise uuid, v_district text, v_currency text, v_face bigint, v_expires timestamptz, v_cap bigint,
  v_posting jsonb, v_audit jsonb, v_outbox jsonb
) RETURNS SETOF vouchers LANGUAGE plpgsql AS $$
DECLARE
  e record;
BEGIN
  SELECT district, CASE WHEN parent_uscc IS NOT NULL AND parent_uscc = confirmed_parent_uscc THEN parent_uscc ELSE uscc END AS group_key
  INTO e FROM enterprises WHERE id = v_enterprise;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'enterprise % is not registered', v_enterprise USING ERRCODE = 'SWE01';
  END IF;
  IF v_district IS NOT NULL AND e.district <> v_district THEN
    RAISE EXCEPTION '%', e.district USING ERRCODE = 'SWE02';
  END IF;
  RETURN QUERY SELECT * FROM voucher_issue(v_id, v_program, v_enterprise, e.group_key, v_currency, v_face, v_expires, v_cap, v_posting, v_audit, v_outbox);
END;
$$;
