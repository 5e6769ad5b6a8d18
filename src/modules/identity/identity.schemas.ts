import { z } from 'zod';
import { ROLES } from '../../common/auth/caller.js';

export const devTokenBody = z
  .strictObject({
    role: z.enum(ROLES),
    org: z.string().min(1).max(100),
    sub: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'DevTokenRequest' });
export type DevTokenBody = z.infer<typeof devTokenBody>;

export const devTokenView = z.object({ token: z.string() }).meta({ id: 'DevToken' });
