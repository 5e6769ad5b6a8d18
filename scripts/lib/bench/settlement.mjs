import { residentKb } from './resident.mjs';

/**
 * The settlement of a large run, over HTTP: the CSV per payee and the per-engagement export read
 * to the end (their rate, and the api's resident memory before and at its highest meanwhile), a
 * page of engagements, and the confirmation.
 */
export async function benchSettlement({ base, sql, apiPid }, officer, runId, count) {
  const [settlement] = await sql`select id from settlements where run_id = ${runId}`;
  const url = `${base}/v1/settlements/${settlement.id}`;
  console.log(
    `\nSettlement of the ${count.toLocaleString()}-commitment run (budget: CSV streamed ≤ 10 s with the api's RSS flat, confirm well under a second). ` +
      'No bare baseline for these: each figure is read against its budget only',
  );
  // The per-engagement export twice: a second pass that peaks no higher shows memory bounded by
  // the garbage collector's heap sizing, not growing with what was sent. The first right after the
  // run, beside autovacuum working through the millions of rows the run changed; the second once
  // they are vacuumed, as an officer finds them the morning after a nightly run.
  for (const [label, path] of [
    ['CSV, a row per payee', ''],
    ['CSV, a row per engagement (?detail=engagements)', '?detail=engagements'],
    ['the same again, the run’s tables vacuumed', '?detail=engagements'],
  ]) {
    if (label.startsWith('the same again')) {
      const started = performance.now();
      await sql`vacuum analyze subsidy_claims, reconciliation_decisions, settlement_engagements, ledger_postings`;
      await sql`checkpoint`;
      console.log(`  (vacuum analyze of the run’s tables and a checkpoint: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    const before = residentKb(apiPid, 'VmRSS');
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentKb(apiPid, 'VmRSS'))), 100);
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { ...officer, accept: 'text/csv' } });
    let bytes = 0;
    let rows = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      `  ${label.padEnd(50)} ${res.status}, ${(rows - 1).toLocaleString()} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s ` +
        `(${Math.round((rows - 1) / seconds).toLocaleString()} rows/s); api RSS ${Math.round(before / 1024)} MB before, ${Math.round(peak / 1024)} MB at most during`,
    );
  }
  let started = performance.now();
  const page = await fetch(`${url}/engagements?limit=100`, { headers: officer });
  const second = await fetch(`${url}/engagements?limit=100&cursor=${(await page.json()).nextCursor}`, { headers: officer });
  console.log(`  GET /engagements, two pages of 100                  ${second.status}, ${(performance.now() - started).toFixed(0)} ms`);
  started = performance.now();
  const view = await fetch(url, { headers: officer });
  console.log(`  GET /v1/settlements/:id (JSON, lines)               ${view.status}, ${(performance.now() - started).toFixed(0)} ms`);
  started = performance.now();
  const confirm = await fetch(`${url}/confirm`, {
    method: 'POST',
    headers: officer,
    body: JSON.stringify({ paidAt: new Date().toISOString(), reference: `BENCH-${runId}` }),
  });
  console.log(`  POST /confirm                                       ${confirm.status}, ${(performance.now() - started).toFixed(0)} ms\n`);
}
