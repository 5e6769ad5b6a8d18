import { createDb, createSql } from '../db/database.js';
import { enterprises } from '../db/schema/index.js';
import { DEMO_ENTERPRISES } from '../demo/demo-enterprises.js';

/** Loads the demo data; running it again changes nothing. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL: is required');
  process.exit(78);
}
const sql = createSql(url, 1);
try {
  const inserted = await createDb(sql)
    .insert(enterprises)
    .values(DEMO_ENTERPRISES.map((e) => ({ ...e })))
    .onConflictDoNothing()
    .returning({ id: enterprises.id });
  console.log(`demo data: ${inserted.length} enterprises added, ${DEMO_ENTERPRISES.length - inserted.length} already there`);
} finally {
  await sql.end({ timeout: 5 });
}
