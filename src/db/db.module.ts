import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type postgres from 'postgres';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { createDb, createSql } from './database.js';

export const DB = Symbol('DB');
export const SQL = Symbol('SQL');

@Global()
@Module({
  providers: [
    {
      provide: SQL,
      inject: [CONFIG],
      useFactory: (config: Config) => createSql(config.databaseUrl, config.databasePoolSize, config.databaseLimits),
    },
    { provide: DB, inject: [SQL, CONFIG], useFactory: (sql: postgres.Sql, config: Config) => createDb(sql, config.databaseLimits.acquireTimeoutMs) },
  ],
  exports: [DB, SQL],
})
export class DbModule implements OnApplicationShutdown {
  constructor(@Inject(SQL) private readonly sql: postgres.Sql) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}
