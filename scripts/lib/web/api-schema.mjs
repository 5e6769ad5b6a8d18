// src/web/api/schema.d.ts and routes.ts from docs/openapi.json. --check fails when either is stale,
// so a contract change that the web app has not taken in breaks `npm run lint:docs` and the build.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../../../', import.meta.url);
const spec = JSON.parse(readFileSync(new URL('docs/openapi.json', root), 'utf8'));
// A field with a default may be left out of a request body: not required (openapi-typescript's default would require it).
const schema = astToString(await openapiTS(spec, { silent: true, defaultNonNullable: false }));
const routes = Object.entries(spec.paths)
  .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
  .sort();
const files = {
  'src/web/api/schema.d.ts': `// Generated from docs/openapi.json by scripts/lib/web/api-schema.mjs: do not edit.\n${schema}`,
  'src/web/api/routes.ts': `// Generated from docs/openapi.json by scripts/lib/web/api-schema.mjs: do not edit.\nexport const ROUTES: ReadonlySet<string> = new Set(${JSON.stringify(routes, null, 2)});\n`,
};
const check = process.argv.includes('--check');
let stale = [];
for (const [file, text] of Object.entries(files)) {
  const url = new URL(file, root);
  let current = '';
  try {
    current = readFileSync(url, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current === text) continue;
  if (check) stale.push(file);
  else writeFileSync(url, text);
}
if (stale.length) {
  console.error(`${stale.join(', ')}: out of date with docs/openapi.json; run npm run web:api`);
  process.exit(1);
}
