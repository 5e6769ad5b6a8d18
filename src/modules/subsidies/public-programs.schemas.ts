import { z } from 'zod';
import { programView } from './vouchers.schemas.js';

/** A programme's policy terms as anyone may read them: everything but the ledger. */
export const publicProgramView = programView.omit({ ledger: true }).meta({ id: 'PublicProgram' });
export type PublicProgramView = z.infer<typeof publicProgramView>;
export const publicProgramList = z.object({ data: z.array(publicProgramView), nextCursor: z.string().nullable() }).meta({ id: 'PublicProgramList' });
