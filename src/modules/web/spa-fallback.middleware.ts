import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { QUEUE_DASHBOARD_PATH } from '../queue-dashboard/queue-dashboard.js';
import { WebAssets } from './web-assets.js';
import { REVALIDATE, send } from './web.controller.js';

/** Addresses that belong to the API and the operators' tools, never to the app's router. */
const NOT_THE_APP = ['/v1', '/auth', '/health', '/metrics', '/openapi.json', '/docs', '/assets', '/console', QUEUE_DASHBOARD_PATH];

/**
 * Any other GET that a browser asks as a page (/, /enterprise/requests/…) gets the app's
 * index.html: vue-router draws the page from the address.
 */
@Injectable()
export class SpaFallbackMiddleware implements NestMiddleware {
  constructor(private readonly assets: WebAssets) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const path = req.path;
    const api = NOT_THE_APP.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    if ((req.method !== 'GET' && req.method !== 'HEAD') || api || !this.assets.index || !req.accepts('html')) return next();
    send(res, this.assets.index, REVALIDATE);
  }
}
