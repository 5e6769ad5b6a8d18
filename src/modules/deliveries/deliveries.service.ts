import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { page, type Page } from '../../common/http/pagination.js';
import type { Tx } from '../../db/database.js';
import type { DeliveryRow } from '../../db/schema/deliveries.js';
import { FilesService } from '../files/files.service.js';
import type { DeliveryView } from './deliveries.schemas.js';
import { DeliveriesRepository } from './deliveries.repository.js';

export interface DeliveredWork {
  note?: string;
  fileIds?: string[];
}

/**
 * What a delivery hands over: a note and the deliverables. The engagements module records one in
 * its deliver transaction; whoever sees the engagement sees them (checked by the caller).
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly repo: DeliveriesRepository,
    private readonly files: FilesService,
  ) {}

  /** In the deliver transaction: the note and the provider's own clean uploads, attached as `delivery`. */
  async record(tx: Tx, caller: Caller, engagement: { id: string; enterpriseId: string; providerId: string }, work: DeliveredWork): Promise<DeliveryRow> {
    const row = await this.repo.insert(tx, {
      engagementId: engagement.id,
      enterpriseId: engagement.enterpriseId,
      providerId: engagement.providerId,
      note: work.note ?? '',
      deliveredBy: caller.sub,
    });
    await this.files.attach(tx, caller, 'delivery', row.id, work.fileIds ?? []);
    return row;
  }

  /** Every delivery of an engagement, with its files (the caller has checked the engagement is visible). */
  async ofEngagement(engagementId: string): Promise<Page<DeliveryView>> {
    const rows = await this.repo.ofEngagement(engagementId);
    const files = await this.files.filesOf(
      'delivery',
      rows.map((r) => r.id),
    );
    return page(
      rows.map((r) => ({ id: r.id, engagementId: r.engagementId, note: r.note, files: files.get(r.id) ?? [], createdAt: r.createdAt.toISOString() })),
    );
  }

  /** The engagement a delivery belongs to, for file access. */
  async engagementOf(deliveryId: string): Promise<string | undefined> {
    return (await this.repo.findById(deliveryId))?.engagementId;
  }
}
