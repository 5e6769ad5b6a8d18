import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM or SIGINT closes the application (the api stops listening and lets in-flight requests
 * finish; the worker stops taking jobs and lets running ones finish), and exits within
 * `graceMs` whatever hangs: a job stuck on an unreachable database is left to BullMQ's
 * stalled-job recovery, which hands it to another worker.
 */
export function exitWithinGrace(app: INestApplicationContext, graceMs: number, name: string): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.warn(`${name}: ${signal}, closing (grace ${graceMs} ms)`);
    setTimeout(() => {
      console.error(`${name}: not closed within ${graceMs} ms; exiting anyway`);
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${name}: error while closing`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
