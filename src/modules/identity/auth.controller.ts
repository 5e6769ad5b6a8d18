import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { cookieValue, SESSION_COOKIE } from '../../common/auth/session-port.js';
import { SkipRateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { clearSessionCookie } from './session-cookie.js';
import { SignInService } from './sign-in.service.js';

/**
 * The browser's way in and out (docs/api.md "Sessions"). Not part of the JSON API's OpenAPI
 * document: these answer browsers with redirects and cookies.
 */
@ApiExcludeController()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Ends the session here, clears the cookie and says where the issuer's own logout is (when it offers one). */
  @Post('logout')
  @Public()
  @SkipRateLimit()
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ logoutUrl: string | null }> {
    const ended = await this.signIn.signOut(cookieValue(req.headers.cookie, SESSION_COOKIE));
    clearSessionCookie(res, this.config);
    return { logoutUrl: ended.logoutUrl };
  }
}
