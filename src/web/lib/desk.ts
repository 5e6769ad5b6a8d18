// What the two sides of the request desk share: topics and outcomes, and a question's page of the list.
import type { Schemas } from '../api/client';

export type Question = Schemas['DeskQuestion'];
export const TOPICS = ['odi_filing', 'tax', 'legal', 'vouchers', 'other'] as const;
export const OUTCOMES = ['answered', 'referred', 'odi_filed', 'odi_approved'] as const;
export const STATUSES = ['open', 'taken', 'answered', 'closed'] as const;

/** A due instant as a person in China reads it: the day and time in China Standard Time. */
export function due(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}
