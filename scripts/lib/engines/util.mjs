// Small helpers and shared timings for the engines code: env values, sleeping, error messages.

export const POLL_MS = 100;
/** How long a server may take to answer after being started (or while it starts up). */
export const READY_TIMEOUT_MS = 20_000;
export const STOP_TIMEOUT_MS = 15_000;

/** @param {string | undefined} v */
export function nonEmpty(v) {
  return v && v.trim() !== '' ? v.trim() : undefined;
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * @param {string} name env var name
 * @param {number} fallback
 */
export function portFromEnv(name, fallback) {
  const raw = nonEmpty(process.env[name]);
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a valid TCP port (1-65535)`);
  }
  return port;
}

/** @param {string} url */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** @param {unknown} err */
export function errMessage(err) {
  return rawErrMessage(err).replace(/\.+$/, '');
}

/**
 * @param {unknown} err
 * @returns {string}
 */
function rawErrMessage(err) {
  if (err instanceof Error) {
    // AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1) has an empty message.
    if (!err.message && 'errors' in err && Array.isArray(err.errors) && err.errors.length) {
      return err.errors.map(rawErrMessage).join('; ');
    }
    return err.message || String(/** @type {any} */ (err).code ?? err);
  }
  return String(err);
}
