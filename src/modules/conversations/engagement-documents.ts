import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import { EngagementAccess } from './engagement-access.js';

/** The documents behind an engagement, for whoever has a seat at it. */
@Injectable()
export class EngagementDocuments {
  constructor(
    private readonly access: EngagementAccess,
    private readonly deliveriesOf: DeliveriesService,
  ) {}

  async deliveries(caller: Caller, engagementId: string) {
    if (!(await this.access.seatOf(caller, engagementId))) throw new DomainError('not_found');
    return this.deliveriesOf.ofEngagement(engagementId);
  }
}
