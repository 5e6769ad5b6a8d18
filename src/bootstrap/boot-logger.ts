import { pino } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * JSON lines before Nest's logger exists (config errors, the listening line, a failed start), in
 * the same shape as the request logs, so a log pipeline never sees a plain-text line.
 */
export function bootLogger(name: 'api' | 'worker' | 'cli') {
  const level = LEVELS.includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL : 'info';
  return pino({ level, base: { pid: process.pid, process: name } });
}
