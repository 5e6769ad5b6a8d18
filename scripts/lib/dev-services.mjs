// The sign-in and email services of a local trial (./scripts/start): the development OpenID
// Provider and a mail catcher with a web page. Each starts only when its setting is not given
// (OIDC_ISSUER, SMTP_URL); production never runs them.

import { DEMO_ACCOUNTS, DEMO_GROUP_MEMBERSHIPS, DEV_CLIENT, startDevIdentityProvider } from './dev-identity-provider.mjs';

const OIDC_PORT = Number(process.env.DEV_OIDC_PORT ?? 3001);
const SMTP_PORT = Number(process.env.DEV_SMTP_PORT ?? 1025);
const MAIL_WEB_PORT = Number(process.env.DEV_MAIL_WEB_PORT ?? 1080);

/**
 * @param {{ publicBaseUrl: string }} options
 * @returns {Promise<{ env: Record<string, string>, describe: (url: string) => string, stop: () => Promise<void> }>}
 */
export async function startDevServices(options) {
  const env = {};
  const lines = [];
  const stops = [];

  if (!process.env.OIDC_ISSUER) {
    const provider = await startDevIdentityProvider({ port: OIDC_PORT, host: 'localhost', publicBaseUrls: [options.publicBaseUrl] });
    stops.push(provider.close);
    Object.assign(env, {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: DEV_CLIENT.clientId,
      OIDC_CLIENT_SECRET: DEV_CLIENT.clientSecret,
      OIDC_GROUPS_CLAIM: 'groups',
      OIDC_GROUP_MEMBERSHIPS: DEMO_GROUP_MEMBERSHIPS,
    });
    lines.push(
      `Sign in: ${options.publicBaseUrl}/auth/login  (development OpenID Provider ${provider.issuer}: any password;`,
      `  a new login is a new person, who can register an enterprise or a provider). Demo accounts:`,
      ...DEMO_ACCOUNTS.map((a) => `    ${a.login.padEnd(16)} ${a.name}  (${a.groups.join(', ')})`),
    );
  }

  if (!process.env.SMTP_URL) {
    const { MailDev } = await import('maildev');
    const maildev = new MailDev({ smtp: SMTP_PORT, ip: '127.0.0.1', web: MAIL_WEB_PORT, webIp: '127.0.0.1', silent: true });
    await maildev.start();
    stops.push(() => maildev.stop());
    env.SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;
    lines.push(`Mail sent by Seaward (invitations, notifications): http://localhost:${MAIL_WEB_PORT}  (MailDev, SMTP on ${SMTP_PORT})`);
  }

  return {
    env,
    describe: () => (lines.length ? `${lines.join('\n')}\n` : ''),
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    },
  };
}
