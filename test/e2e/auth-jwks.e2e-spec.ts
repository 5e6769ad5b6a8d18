import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startApi, type Api } from '../support/harness.js';

const ISSUER = 'https://login.example-district.gov.cn/';
const AUDIENCE = 'seaward-api';

/** Production auth: tokens verified against an OIDC issuer's JWKS served by a local server. */
describe('production auth with a JWKS', () => {
  let jwksServer: Server;
  let api: Api;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;

  beforeAll(async () => {
    ({ privateKey: signingKey } = await generateKeyPair('RS256').then(async (pair) => {
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwksServer = createServer((_req, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      return pair;
    }));
    ({ privateKey: strangerKey } = await generateKeyPair('RS256'));
    const port = (jwksServer.address() as AddressInfo).port;
    api = await startApi({
      NODE_ENV: 'production',
      AUTH_DEV_TOKENS: undefined,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => {
    await api.close();
    jwksServer.close();
  });

  const unsigned = (claims: Record<string, unknown>, audience = AUDIENCE) =>
    new SignJWT({ role: 'admin', org: 'platform', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('officer-1')
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt();
  const sign = (key: CryptoKey, claims: Record<string, unknown>, audience = AUDIENCE) => unsigned(claims, audience).setExpirationTime('5m').sign(key);

  it('accepts a token signed by the issuer’s key', async () => {
    const token = await sign(signingKey, {});
    await api.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(200);
  });

  it('refuses a token signed by another key, or for another audience', async () => {
    await api.http
      .get('/v1/enterprises')
      .auth(await sign(strangerKey, {}), { type: 'bearer' })
      .expect(401);
    await api.http
      .get('/v1/enterprises')
      .auth(await sign(signingKey, {}, 'someone-else'), { type: 'bearer' })
      .expect(401);
  });

  it('refuses a well-signed token whose claims break the contract', async () => {
    const res = await api.http
      .get('/v1/enterprises')
      .auth(await sign(signingKey, { role: 'superuser' }), { type: 'bearer' })
      .expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('refuses a well-signed token that never expires (no exp)', async () => {
    const res = await api.http
      .get('/v1/enterprises')
      .auth(await unsigned({}).sign(signingKey), { type: 'bearer' })
      .expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('does not offer dev tokens in production', async () => {
    await api.http.post('/v1/auth/dev-tokens').send({ role: 'admin', org: 'platform' }).expect(404);
  });
});
