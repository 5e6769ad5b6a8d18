// The development OpenID Provider (oidc-provider, panva's certified implementation) that
// ./scripts/start and the sign-in tests run. Never production: the district's own identity
// provider takes its place (docs/operations.md, "Sign-in and email"). Its login page accepts any
// login with any password: a known demo login signs in as that demo person, any other login is a
// new person (a sign-up) named after it.

import { createHash } from 'node:crypto';
import Provider from 'oidc-provider';

/** The same id src/demo/demo-uuid.ts gives the demo's objects. */
function demoUuid(name) {
  const hash = createHash('sha1').update(`seaward-demo\u0000${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The demo's people; `groups` give memberships through OIDC_GROUP_MEMBERSHIPS (DEMO_GROUP_MEMBERSHIPS). */
export const DEMO_ACCOUNTS = [
  { login: 'officer.xuhui', name: '徐汇区商务委 张敏', email: 'officer.xuhui@demo.seaward.localhost', locale: 'zh-CN', groups: ['xuhui-officers'] },
  { login: 'manager.xuhui', name: '徐汇联盟 陈刚', email: 'manager.xuhui@demo.seaward.localhost', locale: 'zh-CN', groups: ['xuhui-alliance-managers'] },
  { login: 'admin', name: 'Seaward 运营 Admin', email: 'admin@demo.seaward.localhost', locale: 'en', groups: ['platform-admins'] },
];

export const DEMO_GROUP_MEMBERSHIPS = [
  'xuhui-officers=district:xuhui',
  `xuhui-alliance-managers=alliance:${demoUuid('alliance:xuhui')}`,
  'platform-admins=platform:platform',
].join(',');

export const DEV_CLIENT = { clientId: 'seaward', clientSecret: 'seaward-development-client-secret' };

function claimsOf(login) {
  const known = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (known) return { sub: known.login, name: known.name, email: known.email, email_verified: true, locale: known.locale, groups: known.groups };
  const email = login.includes('@') ? login : `${login}@example.localhost`;
  return { sub: login, name: login.split('@')[0], email, email_verified: true, locale: 'zh-CN', groups: [] };
}

/**
 * Starts the provider on 127.0.0.1 and answers { issuer, close }.
 * @param {{ port?: number, host?: string, publicBaseUrls?: string[] }} options  where the Seaward
 *   apps it serves run (each gets `${url}/auth/callback` and `${url}/` registered); any loopback
 *   URL is accepted as well, as for native apps (RFC 8252), so tests on random ports need none
 */
export async function startDevIdentityProvider(options) {
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://${options.host ?? '127.0.0.1'}:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT.clientId,
        client_secret: DEV_CLIENT.clientSecret,
        redirect_uris: (options.publicBaseUrls ?? ['http://localhost:3000']).map((url) => `${url.replace(/\/$/, '')}/auth/callback`),
        post_logout_redirect_uris: (options.publicBaseUrls ?? ['http://localhost:3000']).map((url) => `${url.replace(/\/$/, '')}/`),
      },
    ],
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 3600, AuthorizationCode: 60 },
    claims: { openid: ['sub'], profile: ['name', 'locale', 'groups'], email: ['email', 'email_verified'] },
    // Profile claims in the id token as well as from userinfo, as Keycloak does by default.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsOf(id) }),
    // A first-party client: no consent page.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });
  const loopback = (uri) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(uri);
  const { redirectUriAllowed, postLogoutRedirectUriAllowed } = provider.Client.prototype;
  provider.Client.prototype.redirectUriAllowed = function (uri) {
    return loopback(uri) || redirectUriAllowed.call(this, uri);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function (uri) {
    return loopback(uri) || postLogoutRedirectUriAllowed.call(this, uri);
  };
  // Keep its warnings about development defaults to one line at start.
  provider.on('server_error', (_ctx, error) => console.error(`dev identity provider: ${error.message}`));
  server.on('request', provider.callback());
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
