import { Controller, Get, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { SkipRateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { WebAssets, type Asset } from './web-assets.js';

/**
 * Only this origin's files, no inline script or style (Vite's build emits none); `data:` images
 * cover Element Plus's icons.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The app's page: revalidated every time, so a new build is picked up at once. */
export const REVALIDATE = 'no-cache';
/** Hashed file names change with their content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The web app's hashed files, and /console (the officers' and managers' old address) into the app. */
@ApiExcludeController()
@Public()
@SkipRateLimit()
@Controller()
export class WebController {
  constructor(private readonly assets: WebAssets) {}

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    send(res, this.assets.asset(file), IMMUTABLE);
  }

  @Get(['console', 'console/*rest'])
  @Redirect('/sign-in', 301)
  console(): void {}
}

export function send(res: Response, asset: Asset | undefined, cacheControl: string): void {
  if (!asset) throw new DomainError('not_found');
  res
    .status(200)
    .set({
      'Content-Type': asset.type,
      'Cache-Control': cacheControl,
      'Content-Security-Policy': WEB_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    })
    .send(asset.body);
}
