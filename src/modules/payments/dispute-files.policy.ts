import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FileAccess } from '../files/file-access.js';
import { MilestoneDisputesService } from './milestone-disputes.service.js';

/** The evidence of a milestone dispute (kind `dispute`): registered with the files module at start, as its owner. */
@Injectable()
export class DisputeFilesPolicy implements OnModuleInit {
  constructor(
    private readonly access: FileAccess,
    private readonly disputes: MilestoneDisputesService,
  ) {}

  onModuleInit(): void {
    this.access.register('dispute', {
      maySee: async (caller, id) => (await this.disputes.filesAccess(caller, id)).see,
      mayAttach: async (caller, id) => (await this.disputes.filesAccess(caller, id)).attach,
    });
  }
}
