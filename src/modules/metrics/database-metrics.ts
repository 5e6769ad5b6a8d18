import { Gauge, Histogram, type Registry } from 'prom-client';
import type postgres from 'postgres';
import { HOLDING_ACCOUNTS } from '../../../libs/ledger/index.js';
import { applicationNameOf } from '../../db/database.js';
import { PREFIX } from './metrics.registry.js';

/**
 * Series read from Postgres at scrape time: this process's pool (connections by state, from
 * pg_stat_activity, and a probe query's time through the pool, which includes any wait for a
 * free connection), the outbox lag, and each programme's balances in minor units.
 */
export function databaseMetrics(registry: Registry, sql: postgres.Sql, read: postgres.Sql, poolSize: number): void {
  const registers = [registry];
  new Gauge({ name: `${PREFIX}db_pool_max_connections`, help: 'DATABASE_POOL_SIZE of this process', registers }).set(poolSize);

  new Histogram({
    name: `${PREFIX}db_pool_probe_seconds`,
    help: 'A trivial query through the pool at each scrape: wait for a free connection plus one round trip',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
    async collect() {
      const end = this.startTimer();
      await sql`select 1`;
      end();
    },
  });
  new Gauge({
    name: `${PREFIX}db_pool_connections`,
    help: "This process's open Postgres connections by state (active = in use, idle = free)",
    labelNames: ['state'],
    registers,
    async collect() {
      const rows = await sql<{ state: string; count: number }[]>`
        select coalesce(state, 'unknown') as state, count(*)::int as count
        from pg_stat_activity where application_name = ${applicationNameOf(sql)} group by 1`;
      this.reset();
      for (const state of ['active', 'idle', 'idle in transaction']) this.set({ state }, 0);
      for (const row of rows) this.set({ state: row.state }, row.count);
    },
  });

  new Gauge({
    name: `${PREFIX}outbox_unrelayed_rows`,
    help: 'Outbox rows not yet moved to BullMQ',
    registers,
    async collect() {
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from outbox where relayed_at is null`;
      this.set(row.count);
    },
  });
  new Gauge({
    name: `${PREFIX}outbox_lag_seconds`,
    help: 'Age of the oldest outbox row not yet moved to BullMQ (0 when none waits)',
    registers,
    async collect() {
      const [row] = await sql<{ lag: number }[]>`
        select coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as lag from outbox where relayed_at is null`;
      this.set(row.lag);
    },
  });

  new Gauge({
    name: `${PREFIX}program_balance_minor`,
    help: "Each programme's ledger accounts in minor units of its currency (available, reserved, committed, approved, paid)",
    labelNames: ['program', 'district', 'currency', 'account'],
    registers,
    async collect() {
      const rows = await read<{ id: string; district: string; currency: string; account: string; balance: number }[]>`
        select p.id, p.district, a.currency, a.account, a.balance::float8 as balance
        from ledger_accounts a join programs p on p.id = a.program_id
        where a.account in ${read(HOLDING_ACCOUNTS as string[])}`;
      this.reset();
      for (const row of rows) this.set({ program: row.id, district: row.district, currency: row.currency, account: row.account }, row.balance);
    },
  });
}
