/**
 * postgres.js 3.4.9 (the latest) can schedule a socket write for a connection whose socket was
 * just destroyed (a cut network); the write then throws `Cannot read properties of null (reading
 * 'write')` from a timer, outside any query, and would kill the process. The query concerned has
 * already failed with a connection error, and the pool reconnects on demand, so the process can
 * go on. Anything else uncaught still ends the process.
 */
export function surviveDatabaseSocketRace(name: string): void {
  process.on('uncaughtException', (error) => {
    if (error instanceof TypeError && /reading 'write'/.test(error.message) && /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')) {
      console.warn(`${name}: a write on a closed Postgres connection was dropped`);
      return;
    }
    console.error(`${name}: uncaught exception`, error);
    process.exit(1);
  });
}
