import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { AllianceMatchesRepository } from './alliance-matches.repository.js';
import { QualityController } from './quality.controller.js';
import { QualityRepository } from './quality.repository.js';
import { QualityService } from './quality.service.js';

@Module({
  imports: [AlliancesModule, MatchingModule],
  controllers: [QualityController],
  providers: [QualityService, QualityRepository, AllianceMatchesRepository],
  exports: [QualityService],
})
export class QualityModule {}
