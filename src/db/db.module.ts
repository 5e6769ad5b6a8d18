import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type postgres from 'postgres';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { createDb, createSql } from './database.js';

export const DB = Symbol('DB');
export const SQL = Symbol('SQL');
/** Reads that tolerate replica lag (search, analytics, read models): DATABASE_READ_URL, else the primary's pool. */
export const READ_SQL = Symbol('READ_SQL');
export const READ_DB = Symbol('READ_DB');
/**
 * Reads whose best plan depends on their values (provider search: walk the newest providers when
 * many match, intersect the indexes and sort when few do), on the read pool's server. Its
 * connections set plan_cache_mode=force_custom_plan: statements stay named and prepared (one
 * round trip, no parse), yet each call is planned for its own values. On a shared pool Postgres
 * settles on one generic plan after five calls, which for `tax advisory` sorted all 8,800 matches
 * (27 ms) where walking the newest finds the page in 2 ms (issue 31). Connections open on demand.
 */
export const CUSTOM_PLAN_SQL = Symbol('CUSTOM_PLAN_SQL');
export const CUSTOM_PLAN_DB = Symbol('CUSTOM_PLAN_DB');

@Global()
@Module({
  providers: [
    {
      provide: SQL,
      inject: [CONFIG],
      useFactory: (config: Config) => createSql(config.databaseUrl, config.databasePoolSize, config.databaseLimits, config.databasePreparedStatements),
    },
    { provide: DB, inject: [SQL, CONFIG], useFactory: (sql: postgres.Sql, config: Config) => createDb(sql, config.databaseLimits.acquireTimeoutMs) },
    {
      provide: READ_SQL,
      inject: [CONFIG, SQL],
      useFactory: (config: Config, sql: postgres.Sql) =>
        config.databaseReadUrl ? createSql(config.databaseReadUrl, config.databasePoolSize, config.databaseLimits, config.databasePreparedStatements) : sql,
    },
    {
      provide: CUSTOM_PLAN_SQL,
      inject: [CONFIG],
      useFactory: (config: Config) =>
        createSql(config.databaseReadUrl ?? config.databaseUrl, config.databasePoolSize, config.databaseLimits, config.databasePreparedStatements, {
          customPlans: true,
        }),
    },
    {
      provide: CUSTOM_PLAN_DB,
      inject: [CUSTOM_PLAN_SQL, CONFIG],
      useFactory: (sql: postgres.Sql, config: Config) => createDb(sql, config.databaseLimits.acquireTimeoutMs),
    },
    {
      provide: READ_DB,
      inject: [READ_SQL, SQL, DB, CONFIG],
      useFactory: (read: postgres.Sql, sql: postgres.Sql, db: unknown, config: Config) =>
        read === sql ? db : createDb(read, config.databaseLimits.acquireTimeoutMs),
    },
  ],
  exports: [DB, SQL, READ_DB, READ_SQL, CUSTOM_PLAN_DB],
})
export class DbModule implements OnApplicationShutdown {
  constructor(
    @Inject(SQL) private readonly sql: postgres.Sql,
    @Inject(READ_SQL) private readonly readSql: postgres.Sql,
    @Inject(CUSTOM_PLAN_SQL) private readonly customPlanSql: postgres.Sql,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([
      this.sql.end({ timeout: 5 }),
      this.readSql !== this.sql ? this.readSql.end({ timeout: 5 }) : undefined,
      this.customPlanSql.end({ timeout: 5 }),
    ]);
  }
}
