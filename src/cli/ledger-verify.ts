import { createSql } from '../db/database.js';
import { LEDGER_CHECKS, verifyLedger } from '../modules/ledger/ledger-verify.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL: is required (e.g. postgres://postgres@127.0.0.1:5432/seaward)');
  process.exit(78);
}
const sql = createSql(url, 1);
try {
  const violations = await verifyLedger(sql);
  for (const check of LEDGER_CHECKS) {
    const failed = violations.find((v) => v.check === check);
    console.log(`${failed ? 'FAIL' : 'ok  '} ${check}`);
    for (const row of failed?.rows.slice(0, 50) ?? []) console.log(`     ${JSON.stringify(row)}`);
    if (failed && failed.rows.length > 50) console.log(`     … and ${failed.rows.length - 50} more`);
  }
  console.log(violations.length === 0 ? 'ledger verified: every invariant holds' : `ledger NOT verified: ${violations.length} check(s) failed`);
  process.exitCode = violations.length === 0 ? 0 : 1;
} finally {
  await sql.end();
}
