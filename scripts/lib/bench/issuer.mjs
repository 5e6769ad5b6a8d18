// Production auth for the bench: NODE_ENV=production refuses dev tokens, so the bench is its own
// OIDC issuer, as test/e2e/auth-jwks.e2e-spec.ts is: a JWKS served on a local port and RS256
// tokens signed with its key, verified by the api as a deployment verifies its issuer's.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const ISSUER = 'https://login.bench.seaward.invalid/';
const AUDIENCE = 'seaward-api';

/** @returns {Promise<{ env: Record<string, string>, token: (role: string, org: string, sub?: string) => Promise<string>, close: () => void }>} */
export async function startIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    token: (role, org, sub = `bench-${role}`) =>
      new SignJWT({ role, org })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
        .setSubject(sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(privateKey),
    close: () => server.close(),
  };
}
