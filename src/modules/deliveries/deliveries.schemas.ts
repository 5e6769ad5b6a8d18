import { z } from 'zod';
import { fileView } from '../files/files.schemas.js';

export const deliveryView = z
  .object({
    id: z.uuid(),
    engagementId: z.uuid(),
    note: z.string(),
    files: z.array(fileView),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Delivery' });
export type DeliveryView = z.infer<typeof deliveryView>;

export const deliveryList = z.object({ data: z.array(deliveryView), nextCursor: z.null() }).meta({ id: 'DeliveryList' });
