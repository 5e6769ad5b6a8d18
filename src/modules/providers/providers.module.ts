import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { ProvidersController } from './providers.controller.js';
import { ProvidersRepository } from './providers.repository.js';
import { ProvidersService } from './providers.service.js';
import { PublicDirectoryController } from './public-directory.controller.js';

@Module({
  imports: [SearchModule],
  controllers: [ProvidersController, PublicDirectoryController],
  providers: [ProvidersService, ProvidersRepository],
  exports: [ProvidersService, SearchModule],
})
export class ProvidersModule {}
