import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const GENERATE = readFileSync(new URL('./commitments.sql', import.meta.url), 'utf8');

/**
 * `count` committed subsidies on a fresh programme (created through the api), with the voucher,
 * group usage and ledger postings that make them consistent. Returns the programme id.
 */
export async function generateCommitments(sql, { base, officerHeaders, enterpriseId, providerId, groupKey, count, subsidy = 30_000, price = 100_000 }) {
  const total = count * subsidy;
  const res = await fetch(`${base}/v1/programs`, {
    method: 'POST',
    headers: officerHeaders,
    body: JSON.stringify({
      district: 'pudong',
      name: `Reconciliation bench ${count}`,
      policyRef: 'bench',
      rateBps: 3000,
      perVoucherCap: { amount: total, currency: 'CNY' },
      perEnterpriseCap: { amount: total, currency: 'CNY' },
      budget: { amount: total * 2, currency: 'CNY' },
      categories: ['legal'],
      providerRule: 'any_vetted',
      enterpriseRule: 'any',
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
      validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${await res.text()}`);
  const programId = (await res.json()).id;
  const voucherId = randomUUID();
  await sql.begin(async (tx) => {
    await tx`insert into vouchers (id, program_id, enterprise_id, group_key, currency, face_value, used, status, expires_at)
             values (${voucherId}, ${programId}, ${enterpriseId}, ${groupKey}, 'CNY', ${total}, ${total}, 'used_up', now() + interval '30 days')`;
    await tx`insert into subsidy_group_usage (program_id, group_key, reserved, granted) values (${programId}, ${groupKey}, 0, ${total})`;
    for (const [key, from, to] of [
      ['issue', 'available', 'reserved'],
      ['commit', 'reserved', 'committed'],
    ]) {
      const [posting] = await tx`insert into ledger_postings (program_id, idempotency_key, kind, currency, fingerprint)
                                 values (${programId}, ${`bench:${programId}:${key}`}, ${`bench.${key}`}, 'CNY', '') returning id`;
      await tx`insert into ledger_moves (posting_id, program_id, from_account, to_account, amount) values (${posting.id}, ${programId}, ${from}, ${to}, ${total})`;
    }
    for (let done = 0; done < count; done += 100_000) {
      const batch = Math.min(100_000, count - done);
      await tx.unsafe(GENERATE, [programId, enterpriseId, providerId, voucherId, batch, groupKey, subsidy, price, done]);
    }
  });
  return programId;
}

/** What an uninterrupted run must decide for `count` generated claims (see commitments.sql). */
export function expectedOutcome(count, subsidy = 30_000, price = 100_000) {
  const per = (r) => Array.from({ length: count }, (_, j) => (j + 1) % 20).filter((m) => r(m)).length;
  const approved = per((m) => m >= 4);
  const adjusted = per((m) => m === 2 || m === 3);
  const adjustedAmount = Math.min(Math.floor(((price - price / 4) * 3000) / 10_000), subsidy);
  return {
    counts: { approved, adjusted, held: per((m) => m === 0), rejected: per((m) => m === 1) },
    approvedAmount: approved * subsidy + adjusted * adjustedAmount,
    releasedAmount: per((m) => m === 1) * subsidy + adjusted * (subsidy - adjustedAmount),
  };
}
