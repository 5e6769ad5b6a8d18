import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { SpaFallbackMiddleware } from './spa-fallback.middleware.js';
import { WebAssets } from './web-assets.js';
import { WebController } from './web.controller.js';

/** The web app of every role (src/web/, built into dist/web/), served at / beside the API. */
@Module({ controllers: [WebController], providers: [WebAssets] })
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SpaFallbackMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
