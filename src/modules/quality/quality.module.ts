import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { AllianceMatchesReadModel } from './alliance-matches.read-model.js';
import { QualityController } from './quality.controller.js';
import { QualityRecordsRepository } from './quality-records.repository.js';
import { QualityReadModel } from './quality.read-model.js';
import { QualityService } from './quality.service.js';

@Module({
  imports: [AlliancesModule, MatchingModule],
  controllers: [QualityController],
  providers: [QualityService, QualityReadModel, AllianceMatchesReadModel, QualityRecordsRepository],
  exports: [QualityService],
})
export class QualityModule {}
