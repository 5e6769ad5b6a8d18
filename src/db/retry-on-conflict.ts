import { pgErrorOf, ROLLED_BACK_FOR_CONFLICT } from './pg-error.js';

/**
 * Runs a whole transaction again when Postgres rolled it back to break a deadlock or a
 * serialization conflict (nothing of it was written), up to `attempts` times; any other error,
 * and the last conflict, go to the caller (a conflict then answers 503 service_busy).
 */
export async function retryOnConflict<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !ROLLED_BACK_FOR_CONFLICT.has(pgErrorOf(error).code ?? '')) throw error;
    }
  }
}
