// The OpenAPI document and the API reference, built from the sources without Postgres or Redis:
// Nest's preview mode resolves the module graph (routes, guards' metadata) but instantiates no
// provider, so nothing connects. Used by `npm run docs:api` (writes) and `npm run lint` (checks).
//
//   node scripts/lib/docs/openapi.mjs --write   rewrites docs/openapi.json and docs/api-reference.md
//   node scripts/lib/docs/openapi.mjs --check   fails when either is not what the code documents
//   both also write .seaward/openapi.json, the document `redocly lint` reads.
import './ts-hooks.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { renderReference } from './api-reference.mjs';

const root = new URL('../../../', import.meta.url);
const mode = process.argv[2];
if (mode !== '--write' && mode !== '--check') {
  console.error('usage: openapi.mjs --write | --check');
  process.exit(64);
}

const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await import('../../../src/app.module.ts');
const { buildOpenApiDocument } = await import('../../../src/bootstrap/openapi.ts');
const { loadConfig } = await import('../../../src/config/config.ts');

// Placeholders only: preview mode never connects. Dev tokens on, so their route is documented.
const config = loadConfig({
  DATABASE_URL: 'postgres://docs@127.0.0.1:1/docs',
  REDIS_URL: 'redis://127.0.0.1:1',
  AUTH_DEV_TOKENS: 'true',
  NODE_ENV: 'development',
});
const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
const document = buildOpenApiDocument(app, 'http://localhost:3000');
await app.close();

const json = `${JSON.stringify(document, null, 2)}\n`;
const prettier = await resolveConfig(new URL('docs/openapi.json', root));
const files = {
  'docs/openapi.json': await format(json, { ...prettier, parser: 'json' }),
  'docs/api-reference.md': renderReference(document),
};
mkdirSync(new URL('.seaward', root), { recursive: true });
writeFileSync(new URL('.seaward/openapi.json', root), json);

const stale = [];
for (const [path, text] of Object.entries(files)) {
  const url = new URL(path, root);
  if (mode === '--write') writeFileSync(url, text);
  else if (read(url) !== text) stale.push(path);
}
if (stale.length) {
  console.error(`${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} not what the code documents: run npm run docs:api and commit the result`);
  process.exit(1);
}
console.log(
  `${mode === '--write' ? 'wrote' : 'checked'} docs/openapi.json and docs/api-reference.md (${Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0)} operations)`,
);

function read(url) {
  try {
    return readFileSync(url, 'utf8');
  } catch {
    return undefined;
  }
}
