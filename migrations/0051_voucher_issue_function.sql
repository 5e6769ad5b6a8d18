-- Voucher issue in one statement (issue 17): the group-cap upsert, the voucher, its posting and
-- moves, the audit entry and the outbox row, in one round trip and one implicit transaction. The
-- budget check is the ledger's: the move's deferred trigger (migration 0011) applies it at COMMIT
-- and `ledger_accounts_available_non_negative` refuses an overdraft (409 budget_exhausted), so the
-- programme's hot account rows are locked only for the commit itself.
-- Returns the voucher, or no row when the group would exceed its cap (nothing is written then).
CREATE FUNCTION voucher_issue(
  v_id uuid, v_program uuid, v_enterprise uuid, v_group text, v_currency text, v_face bigint, v_expires timestamptz, v_cap bigint,
  v_posting jsonb, v_audit jsonb, v_outbox jsonb
) RETURNS SETOF vouchers LANGUAGE plpgsql AS $$
DECLARE
  posting_id bigint;
BEGIN
  INSERT INTO subsidy_group_usage AS g (program_id, group_key, reserved) VALUES (v_program, v_group, v_face)
  ON CONFLICT (program_id, group_key) DO UPDATE SET reserved = g.reserved + v_face
  WHERE g.reserved + g.granted + v_face <= v_cap;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO ledger_postings (program_id, idempotency_key, kind, currency, fingerprint)
  VALUES (v_program, v_posting->>'key', v_posting->>'kind', v_currency, v_posting->>'fingerprint')
  RETURNING id INTO posting_id;
  INSERT INTO ledger_moves (posting_id, program_id, from_account, to_account, amount)
  SELECT posting_id, v_program, m.from_account, m.to_account, m.amount
  FROM jsonb_to_recordset(v_posting->'moves') AS m(from_account text, to_account text, amount bigint);
  INSERT INTO audit_log (actor_sub, actor_role, actor_org, action, entity_type, entity_id, data, request_id)
  VALUES (v_audit->>'actorSub', v_audit->>'actorRole', v_audit->>'actorOrg', v_audit->>'action', v_audit->>'entityType',
          v_audit->>'entityId', v_audit->'data', v_audit->>'requestId');
  INSERT INTO outbox (queue, name, payload) VALUES (v_outbox->>'queue', v_outbox->>'name', v_outbox->'payload');
  RETURN QUERY
  INSERT INTO vouchers (id, program_id, enterprise_id, group_key, currency, face_value, expires_at)
  VALUES (v_id, v_program, v_enterprise, v_group, v_currency, v_face, v_expires)
  RETURNING *;
END;
$$;
