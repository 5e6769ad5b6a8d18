import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { SkipRateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { ConsoleAssets, type Asset } from './console-assets.js';

/**
 * Only this origin's files: ECharts' SVG renderer styles through the CSSOM (allowed), and the
 * page has no inline script or style. `data:` images cover ECharts' "save as image".
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Revalidated every time (the ETag makes that a 304): the files carry no version in their names. */
const REVALIDATE = 'no-cache';
/** The vendored chart library changes only with a release. */
const A_DAY = 'public, max-age=86400';

/**
 * The web console for alliance managers and district officers: static files, no token needed
 * to load them; every API call the page makes carries the bearer token the user logs in with.
 */
@ApiExcludeController()
@Public()
@SkipRateLimit()
@Controller('console')
export class ConsoleController {
  constructor(private readonly assets: ConsoleAssets) {}

  @Get()
  index(@Res() res: Response): void {
    send(res, this.assets.file('index.html'), REVALIDATE);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    send(res, file === 'index.html' ? undefined : this.assets.file(file), REVALIDATE);
  }

  @Get('vendor/echarts.min.js')
  echarts(@Res() res: Response): void {
    send(res, this.assets.vendorEcharts(), A_DAY);
  }
}

function send(res: Response, asset: Asset | undefined, cacheControl: string): void {
  if (!asset) throw new DomainError('not_found');
  res
    .status(200)
    .set({
      'Content-Type': asset.type,
      'Cache-Control': cacheControl,
      'Content-Security-Policy': CONSOLE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    })
    .send(asset.body);
}
