import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { FileAccess } from './file-access.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { FilesController } from './files.controller.js';
import { FilesRepository } from './files.repository.js';
import { FilesService } from './files.service.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';

/** Files and where they are attached; the storage is local disk (FILES_DIR) or S3 (S3_BUCKET). */
@Module({
  controllers: [FilesController],
  providers: [
    FilesService,
    FilesRepository,
    FileAccess,
    {
      provide: FILE_STORAGE,
      inject: [CONFIG],
      useFactory: (config: Config): FileStorage => (config.files.s3 ? new S3Storage(config.files.s3) : new LocalDiskStorage(config.files.dir)),
    },
  ],
  exports: [FilesService, FileAccess, FilesRepository, FILE_STORAGE],
})
export class FilesModule implements OnApplicationShutdown {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.close();
  }
}
