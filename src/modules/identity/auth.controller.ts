import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { cookieValue, SESSION_COOKIE } from '../../common/auth/session-port.js';
import { SkipRateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { clearSessionCookie, clearSignInCookie, setSessionCookie, setSignInCookie, SIGN_IN_COOKIE } from './session-cookie.js';
import { SignInService } from './sign-in.service.js';

/**
 * The browser's way in and out (docs/api.md "People and sessions"). Not part of the JSON API's
 * OpenAPI document: these answer browsers with redirects and cookies.
 */
@ApiExcludeController()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly oidc: OidcSignInService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Sends the browser to the issuer; the attempt's state goes into a short-lived cookie too, binding the callback to this browser. */
  @Get('login')
  @Public()
  async login(@Query('returnTo') returnTo: string | undefined, @Res() res: Response): Promise<void> {
    const { url, state } = await this.oidc.begin(typeof returnTo === 'string' ? returnTo : undefined);
    setSignInCookie(res, state, this.config);
    res.redirect(303, url);
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: Request & { id?: string }, @Res() res: Response): Promise<void> {
    const callbackUrl = new URL(req.originalUrl, this.oidc.redirectUri);
    const { cookie, returnTo } = await this.oidc.finish(callbackUrl, cookieValue(req.headers.cookie, SIGN_IN_COOKIE), String(req.id ?? ''));
    clearSignInCookie(res, this.config);
    setSessionCookie(res, cookie, this.config);
    res.redirect(303, returnTo);
  }

  /** Ends the session here, clears the cookie and says where the issuer's own logout is (when it offers one). */
  @Post('logout')
  @Public()
  @SkipRateLimit()
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ logoutUrl: string | null }> {
    const ended = await this.signIn.signOut(cookieValue(req.headers.cookie, SESSION_COOKIE));
    clearSessionCookie(res, this.config);
    return { logoutUrl: await this.oidc.logoutUrl(ended.idToken) };
  }
}
