import { z } from 'zod';
import { fileView } from '../files/files.schemas.js';

export const askBody = z.strictObject({ text: z.string().trim().min(1).max(4000) }).meta({ id: 'QuestionCreate' });
export type AskBody = z.infer<typeof askBody>;

export const answerBody = z
  .strictObject({
    text: z.string().trim().min(1).max(8000),
    public: z.boolean().describe('true: an addendum every invited provider sees (bidders are told, and may revise); false: to the asker only'),
  })
  .meta({ id: 'AnswerCreate' });
export type AnswerBody = z.infer<typeof answerBody>;

export const questionView = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    text: z.string(),
    askedByYou: z.boolean(),
    providerId: z.uuid().nullable().describe('who asked; shown to the enterprise and the asker only'),
    answer: z.object({ text: z.string(), public: z.boolean(), answeredAt: z.iso.datetime() }).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Question' });
export type QuestionView = z.infer<typeof questionView>;
export const questionList = z.object({ data: z.array(questionView), nextCursor: z.null() }).meta({ id: 'QuestionList' });

export const messageBody = z
  .strictObject({
    text: z.string().trim().min(1).max(8000),
    fileIds: z.array(z.uuid()).max(20).default([]).describe('your own clean uploads (POST /v1/files)'),
  })
  .meta({ id: 'MessageCreate' });
export type MessageBody = z.infer<typeof messageBody>;

export const messageView = z
  .object({
    id: z.uuid(),
    engagementId: z.uuid(),
    author: z.object({ role: z.string(), org: z.string() }),
    text: z.string(),
    files: z.array(fileView),
    unread: z.boolean().describe('newer than what the caller has marked read, and not the caller’s own'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Message' });
export type MessageView = z.infer<typeof messageView>;

export const messageList = z
  .object({ data: z.array(messageView), nextCursor: z.string().nullable(), unreadCount: z.number().int() })
  .meta({ id: 'MessageList' });

export const messagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type MessagesQuery = z.infer<typeof messagesQuery>;

export const readState = z.object({ readUntil: z.iso.datetime(), unreadCount: z.number().int() }).meta({ id: 'MessageReadState' });
