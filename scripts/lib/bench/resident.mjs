import { readFileSync } from 'node:fs';

/** A process's resident set: `VmHWM` is its peak so far, `VmRSS` the current one (kB, from /proc). */
export function residentKb(pid, field = 'VmHWM') {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
