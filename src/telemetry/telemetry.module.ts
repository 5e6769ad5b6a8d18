import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing.js';

/** Flushes buffered spans when the application shuts down (a no-op when tracing is off). */
@Module({})
export class TelemetryModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}
