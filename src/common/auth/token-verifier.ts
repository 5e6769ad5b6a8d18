import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { tokenClaims, type TokenClaims } from './caller.js';
import { VerifiedTokens } from './verified-tokens.js';

const DEV_ISSUER = 'seaward-dev';
const DEV_TOKEN_LIFETIME = '12h';

/**
 * Verifies bearer tokens: signed by the OIDC issuer's JWKS in production, and also by the
 * local dev secret where dev tokens are enabled. Returns null for anything it cannot trust.
 */
@Injectable()
export class TokenVerifier {
  private readonly devKey: Uint8Array;
  private readonly jwks: JWTVerifyGetKey | null;
  // A signature check per call was an eighth of the api's CPU under load (issue 17's profile).
  private readonly verified = new VerifiedTokens();

  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.devKey = new TextEncoder().encode(config.auth.devSecret);
    this.jwks = config.auth.jwksUrl ? createRemoteJWKSet(new URL(config.auth.jwksUrl)) : null;
  }

  async verify(token: string): Promise<TokenClaims | null> {
    const known = this.verified.get(token);
    if (known) return known;
    const payload = (await this.verifyWithJwks(token)) ?? (await this.verifyDevToken(token));
    const claims = tokenClaims.safeParse(payload);
    if (!claims.success) return null;
    this.verified.remember(token, claims.data, (payload as { exp: number }).exp);
    return claims.data;
  }

  async issueDevToken(claims: TokenClaims): Promise<string> {
    return new SignJWT({ role: claims.role, org: claims.org })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer(DEV_ISSUER)
      .setIssuedAt()
      .setExpirationTime(DEV_TOKEN_LIFETIME)
      .sign(this.devKey);
  }

  private async verifyWithJwks(token: string): Promise<unknown> {
    if (!this.jwks) return null;
    const { issuer, audience } = this.config.auth;
    try {
      const { payload } = await jwtVerify(token, this.jwks, { issuer, audience, requiredClaims: ['exp'] });
      return payload;
    } catch {
      return null;
    }
  }

  private async verifyDevToken(token: string): Promise<unknown> {
    if (!this.config.auth.devTokens) return null;
    try {
      const { payload } = await jwtVerify(token, this.devKey, { issuer: DEV_ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'] });
      return payload;
    } catch {
      return null;
    }
  }
}
