import { randomUUID } from 'node:crypto';
import { httpCaller, measure, printPair } from './measure.mjs';

const ENTERPRISES = 20_000;

export async function benchEnterprises({ root, base, warnBase, sql, token, options }) {
  const { usccCheckCharacter } = await import(`${root}/dist/libs/uscc/index.js`);
  const uscc = () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let first17 = '91310104';
    for (let i = 0; i < 9; i++) first17 += alphabet[Math.floor(Math.random() * 31)];
    return first17 + usccCheckCharacter(first17);
  };
  const ids = Array.from({ length: ENTERPRISES }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = ids.slice(i, i + 5000).map((id) => ({ id, name: `Bench ${id.slice(0, 8)}`, uscc: uscc(), district: 'xuhui', sector: '38', sme: true }));
    await sql`insert into enterprises ${sql(rows)} on conflict do nothing`;
  }
  await sql`analyze enterprises`;

  const headers = { authorization: `Bearer ${await token('admin', 'platform')}`, 'content-type': 'application/json' };
  const call = httpCaller(base, headers, options.clients);
  const callWarn = warnBase ? httpCaller(warnBase, headers, options.clients) : null;
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  console.log(`Enterprises (${ENTERPRISES.toLocaleString()} rows)\n`);
  printPair(
    await measure('GET /v1/enterprises/:id over HTTP', () => call('GET', `/v1/enterprises/${pick()}`), options),
    await measure('bare: select by id', () => sql`select * from enterprises where id = ${pick()}`.then(() => true), options),
    callWarn ? await measure('at warn', () => callWarn('GET', `/v1/enterprises/${pick()}`), options) : undefined,
  );
  const body = () => JSON.stringify({ name: 'Bench Co', uscc: uscc(), district: 'xuhui', sector: '38', sme: true });
  printPair(
    await measure('POST /v1/enterprises over HTTP', () => call('POST', '/v1/enterprises', body()), options),
    await measure(
      'bare: insert enterprise + audit + outbox in one tx',
      () =>
        sql
          .begin(async (tx) => {
            const id = randomUUID();
            await tx`insert into enterprises (id, name, uscc, district, sector, sme) values (${id}, 'Bench Co', ${uscc()}, 'xuhui', '38', true)`;
            await tx`insert into audit_log (actor_sub, actor_role, actor_org, action, entity_type, entity_id) values ('bench', 'admin', 'platform', 'enterprise.registered', 'enterprise', ${id})`;
            await tx`insert into outbox (queue, name, payload) values ('notifications', 'deliver', ${tx.json({ enterpriseId: id })})`;
          })
          .then(() => true),
      options,
    ),
  );
}
