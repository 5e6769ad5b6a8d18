import { Global, Module, type DynamicModule } from '@nestjs/common';
import { SESSION_RESOLVER } from '../../common/auth/session-port.js';
import { TokenVerifier } from '../../common/auth/token-verifier.js';
import { AuthController } from './auth.controller.js';
import { DevSessionController } from './dev-session.controller.js';
import { DevTokensController } from './dev-tokens.controller.js';
import { MeController } from './me.controller.js';
import { OrganisationNamesReadModel } from './organisation-names.read-model.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { SignInAttemptsRepository } from './sign-in-attempts.repository.js';

/** Tokens, people, their memberships and sessions. Global: the guard and the registering services use it. */
@Global()
@Module({})
export class IdentityModule {
  static forRoot(options: { devTokens: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [AuthController, MeController, ...(options.devTokens ? [DevTokensController, DevSessionController] : [])],
      providers: [
        TokenVerifier,
        PeopleRepository,
        PeopleService,
        SessionsRepository,
        SessionsService,
        OrganisationNamesReadModel,
        SignInService,
        OidcSignInService,
        SignInAttemptsRepository,
        { provide: SESSION_RESOLVER, useExisting: SessionsService },
      ],
      exports: [TokenVerifier, PeopleService, SESSION_RESOLVER],
    };
  }
}
