import { z } from 'zod';

export const preferencesBody = z
  .strictObject({
    email: z.boolean().describe('false: nothing by email; the inbox still holds everything'),
    mutedEvents: z
      .array(z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must be an event name such as bid.awarded'))
      .max(100)
      .default([])
      .describe('events never sent by email'),
  })
  .meta({ id: 'NotificationPreferences' });
export type PreferencesBody = z.infer<typeof preferencesBody>;
export const preferencesView = preferencesBody;

export const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('true: unread only'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxItemView = z
  .object({
    id: z.uuid(),
    event: z.string(),
    title: z.object({ zh: z.string(), en: z.string() }),
    link: z.string().describe('where in the web app the notification leads'),
    recipientOrg: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'InboxItem' });

export const inboxPage = z.object({ data: z.array(inboxItemView), unreadCount: z.number().int(), nextCursor: z.string().nullable() }).meta({ id: 'InboxPage' });
