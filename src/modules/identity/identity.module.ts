import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TokenVerifier } from '../../common/auth/token-verifier.js';
import { DevTokensController } from './dev-tokens.controller.js';

@Global()
@Module({})
export class IdentityModule {
  static forRoot(options: { devTokens: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      controllers: options.devTokens ? [DevTokensController] : [],
      providers: [TokenVerifier],
      exports: [TokenVerifier],
    };
  }
}
