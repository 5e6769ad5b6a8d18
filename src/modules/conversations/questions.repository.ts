import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { requestQuestions, type RequestQuestionRow } from '../../db/schema/conversations.js';

@Injectable()
export class QuestionsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof requestQuestions.$inferInsert): Promise<RequestQuestionRow> {
    const [created] = await tx.insert(requestQuestions).values(row).returning();
    return created!;
  }

  async findById(id: string): Promise<RequestQuestionRow | undefined> {
    const [row] = await this.db.select().from(requestQuestions).where(eq(requestQuestions.id, id));
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<RequestQuestionRow | undefined> {
    const [row] = await tx.select().from(requestQuestions).where(eq(requestQuestions.id, id)).for('update');
    return row;
  }

  async answer(tx: DbOrTx, id: string, text: string, isPublic: boolean): Promise<RequestQuestionRow> {
    const [row] = await tx
      .update(requestQuestions)
      .set({ answer: text, answerPublic: isPublic, answeredAt: new Date() })
      .where(eq(requestQuestions.id, id))
      .returning();
    return row!;
  }

  async ofRequest(requestId: string): Promise<RequestQuestionRow[]> {
    return this.db
      .select()
      .from(requestQuestions)
      .where(eq(requestQuestions.requestId, requestId))
      .orderBy(asc(requestQuestions.createdAt), asc(requestQuestions.id));
  }
}
