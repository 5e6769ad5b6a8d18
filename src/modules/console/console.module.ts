import { Module } from '@nestjs/common';
import { ConsoleAssets } from './console-assets.js';
import { ConsoleController } from './console.controller.js';

/** GET /console: the dashboard of alliance managers and district officers (public/). */
@Module({ controllers: [ConsoleController], providers: [ConsoleAssets] })
export class ConsoleModule {}
