import { Injectable, type OnModuleInit } from '@nestjs/common';
import { actsFor, isAdmin, managerOf } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { BidsService } from '../bids/bids.service.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import { FileAccess } from '../files/file-access.js';
import { MatchingService } from '../matching/matching.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { RequestsService } from '../requests/requests.service.js';
import { EngagementAccess } from './engagement-access.js';
import { MessagesService } from './messages.service.js';

/** Tenancy answers 404 by throwing; here it is a yes or no. */
async function allowed(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return false;
    throw error;
  }
}

/**
 * Who sees the files attached to each kind of object: whoever sees the object (docs/api.md
 * "Files"). Registered with the files module at start, so files depend on no domain module.
 */
@Injectable()
export class FileAccessPolicies implements OnModuleInit {
  constructor(
    private readonly access: FileAccess,
    private readonly requests: RequestsService,
    private readonly matching: MatchingService,
    private readonly bids: BidsService,
    private readonly providers: ProvidersService,
    private readonly engagements: EngagementAccess,
    private readonly messages: MessagesService,
    private readonly deliveries: DeliveriesService,
  ) {}

  onModuleInit(): void {
    this.access.register('request', {
      maySee: async (caller, id) => {
        const invited = caller.role === 'provider' && (await this.matching.isInvited(id, caller.org));
        return allowed(() => this.requests.findVisible(caller, id, invited));
      },
      mayAttach: async (caller, id) => {
        if (caller.role !== 'enterprise' && !isAdmin(caller)) return false;
        return allowed(async () => {
          const request = await this.requests.findOwned(caller, id);
          if (request.status !== 'draft' && request.status !== 'open') throw new DomainError('conflict', `A ${request.status} request's brief is closed`);
        });
      },
    });
    this.access.register('bid', {
      maySee: async (caller, id) => {
        const bid = await this.bids.partiesOf(id);
        if (!bid) return false;
        if (isAdmin(caller) || actsFor(caller, bid.providerId, 'provider')) return true;
        return caller.role === 'enterprise' && allowed(() => this.requests.findOwned(caller, bid.requestId));
      },
      mayAttach: async (caller, id) => {
        const bid = await this.bids.partiesOf(id);
        return !!bid && (isAdmin(caller) || actsFor(caller, bid.providerId, 'provider'));
      },
    });
    this.access.register('credential', {
      maySee: async (caller, id) => {
        const owner = await this.providers.credentialOwner(id);
        if (!owner) return false;
        return actsFor(caller, owner.providerId, 'provider') || isAdmin(caller) || owner.allianceIds.some((alliance) => managerOf(caller, alliance));
      },
      mayAttach: async (caller, id) => {
        const owner = await this.providers.credentialOwner(id);
        return !!owner && (isAdmin(caller) || actsFor(caller, owner.providerId, 'provider'));
      },
    });
    this.access.register('message', {
      maySee: (caller, id) => this.messages.maySeeMessage(caller, id),
      mayAttach: () => Promise.resolve(false), // a message carries its files in its own body
    });
    this.access.register('delivery', {
      maySee: async (caller, id) => {
        const engagementId = await this.deliveries.engagementOf(id);
        return !!engagementId && (await this.engagements.seatOf(caller, engagementId)) !== null;
      },
      mayAttach: () => Promise.resolve(false), // a delivery carries its files in the deliver body
    });
    // Documented hook for the fapiao: its files hang on the engagement (objectId = engagement id),
    // attached by its provider; a fapiao record of the payments module can point to them.
    this.access.register('fapiao', {
      maySee: async (caller, id) => (await this.engagements.seatOf(caller, id)) !== null,
      mayAttach: async (caller, id) => {
        const found = await this.engagements.seatOf(caller, id);
        return found?.seat === 'provider' || found?.seat === 'admin';
      },
    });
  }
}
