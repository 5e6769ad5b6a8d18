import { Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators.js';
import { tokenClaims } from '../../common/auth/caller.js';
import { TokenVerifier } from '../../common/auth/token-verifier.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { fieldErrors } from '../../common/validation/schema.pipe.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { Returns, ValidBody } from '../../common/openapi/api-schema.js';
import { devTokenBody, devTokenView, type DevTokenBody } from './identity.schemas.js';

/** Only mounted outside production (AUTH_DEV_TOKENS): tokens for trying the API locally. */
@ApiTags('auth')
@Controller('v1/auth/dev-tokens')
export class DevTokensController {
  constructor(private readonly verifier: TokenVerifier) {}

  @ApiOperation({
    summary: 'Issue a development token',
    description: 'A signed JWT for any role and organisation, for trying the API locally. Mounted only when `AUTH_DEV_TOKENS=true`, which production refuses.',
  })
  @ApiRequestExample("An enterprise's token", { role: 'enterprise', org: '3f2b8c1e-6a4d-4f0b-9c7e-2d5a1b8e9f00' })
  @Post()
  @Public()
  @Returns(201, devTokenView)
  async issue(@ValidBody(devTokenBody) body: DevTokenBody): Promise<{ token: string }> {
    const claims = tokenClaims.safeParse({ ...body, sub: body.sub ?? `dev:${body.role}:${body.org}` });
    if (!claims.success) throw DomainError.validation(fieldErrors(claims.error));
    return { token: await this.verifier.issueDevToken(claims.data) };
  }
}
