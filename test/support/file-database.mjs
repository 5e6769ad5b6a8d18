// Each test file gets a database and a Redis key prefix of its own. The database is a copy of
// the migrated one global-setup.mjs made (a copy is quicker than migrating). Files run two at a
// time (two Jest workers): sharing, they would take each other's BullMQ jobs and count each
// other's rows, and in one database a file's result would depend on which files ran before it.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

const template = process.env.SEAWARD_TEST_TEMPLATE;
if (template && process.env.SEAWARD_TEST_ADMIN_URL) {
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(process.env.SEAWARD_TEST_ADMIN_URL, { max: 1, onnotice: () => undefined });
  try {
    await copyWithRetry(admin, template, name);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.SEAWARD_TEST_ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.SEAWARD_TEST_DATABASE = name;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX}_${name.slice(template.length + 1)}`;
}

/** Another file's copy being made at the same instant can hold the template for a moment (55006). */
async function copyWithRetry(admin, template, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.unsafe(`create database "${name}" template "${template}"`);
    } catch (error) {
      if (error?.code !== '55006' || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
