import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/auth.decorators.js';
import { ValidBody } from '../../common/openapi/api-schema.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { devSessionBody, type DevSessionBody, type MeView } from './identity.schemas.js';
import { setSessionCookie } from './session-cookie.js';
import { SignInService } from './sign-in.service.js';

/** Only mounted with AUTH_DEV_TOKENS (tests and the demo): a session without an identity provider. */
@ApiExcludeController()
@Controller('auth/dev-session')
export class DevSessionController {
  constructor(
    private readonly signIn: SignInService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post()
  @Public()
  async start(
    @Req() req: Request & { id?: string },
    @ValidBody(devSessionBody) body: DevSessionBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeView> {
    const { cookie, me } = await this.signIn.devSession(body, String(req.id ?? ''));
    setSessionCookie(res, cookie, this.config);
    return me;
  }
}
