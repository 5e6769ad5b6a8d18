import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveriesService } from './deliveries.service.js';

/** What deliveries handed over; the engagements module records them, conversations shows them. */
@Module({
  imports: [FilesModule],
  providers: [DeliveriesService, DeliveriesRepository],
  exports: [DeliveriesService],
})
export class DeliveriesModule {}
