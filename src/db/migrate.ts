import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** The checked-in migrations folder, wherever this file runs from (src/ under tests, dist/src/ when built). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../migrations' : '../../migrations', import.meta.url));

/** Applies every migration not yet applied, in order; safe to run again and from several processes. */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`select pg_advisory_lock(hashtext('seaward:migrate'))`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
