// Renders the OpenAPI document as Markdown: operations grouped by tag, then the schemas.
// Pure: document in, text out. The prose rules shared by every operation are in docs/api.md.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function renderReference(document) {
  const out = [];
  const line = (text = '') => out.push(text);
  line('# API reference');
  line();
  line('<!-- Generated from the OpenAPI document by `npm run docs:api`; `npm run lint` fails when it is out of date. Do not edit. -->');
  line();
  line(`${document.info.title}, version ${document.info.version}, OpenAPI ${document.openapi}. The machine-readable`);
  line('document is [openapi.json](openapi.json) (also served at `/openapi.json`, with a browsable view at `/docs`).');
  line('The rules every operation shares — errors, authentication, idempotency, pagination, rate');
  line('limits — are in [api.md](api.md).');
  line();
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
  );
  for (const tag of document.tags ?? []) {
    const tagged = operations.filter(({ operation }) => operation.tags?.[0] === tag.name);
    if (!tagged.length) continue;
    line(`- [${tag.name}](#${slug(tag.name)}): ${tag.description}`);
  }
  line('- [Schemas](#schemas)');
  line();
  for (const tag of document.tags ?? []) {
    const tagged = operations.filter(({ operation }) => operation.tags?.[0] === tag.name);
    if (!tagged.length) continue;
    line(`## ${tag.name}`);
    line();
    line(tag.description);
    line();
    for (const entry of tagged) renderOperation(entry, document, line);
  }
  line('## Schemas');
  line();
  for (const [name, schema] of Object.entries(document.components.schemas)) renderSchema(name, schema, line);
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function renderOperation({ path, method, operation }, document, line) {
  line(`### ${method.toUpperCase()} ${path}`);
  line();
  line(`**${operation.summary}** (\`${operation.operationId}\`)`);
  line();
  if (operation.description) {
    line(operation.description);
    line();
  }
  const parameters = (operation.parameters ?? []).map((p) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p));
  if (parameters.length) {
    line('| parameter | in | type | required | description |');
    line('| --- | --- | --- | --- | --- |');
    for (const p of parameters)
      line(`| \`${p.name}\` | ${p.in} | ${typeOf(p.schema)} | ${p.required ? 'yes' : 'no'} | ${cell(p.description ?? p.schema?.description)} |`);
    line();
  }
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body) {
    line(`Body${operation.requestBody.required === false ? ' (optional)' : ''}: ${typeOf(body)}`);
    line();
  }
  line('| status | answer |');
  line('| --- | --- |');
  for (const [status, response] of Object.entries(operation.responses)) {
    const content = response.content ?? {};
    const [type] = Object.keys(content);
    const schema = type ? content[type].schema : undefined;
    const what =
      schema && type !== 'application/problem+json'
        ? `${typeOf(schema)}${Object.keys(content).length > 1 ? ` (also ${Object.keys(content).slice(1).join(', ')})` : ''}`
        : '';
    line(`| ${status} | ${cell([what, response.description].filter(Boolean).join(' — '))} |`);
  }
  line();
}

function renderSchema(name, schema, line) {
  line(`### ${name}`);
  line();
  if (schema.description) {
    line(schema.description);
    line();
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    line(`One of: ${variants.map(typeOf).join(', ')}`);
    line();
    return;
  }
  if (!schema.properties) {
    line(`Type: ${typeOf(schema)}`);
    line();
    return;
  }
  const required = new Set(schema.required ?? []);
  line('| field | type | required | description |');
  line('| --- | --- | --- | --- |');
  for (const [field, property] of Object.entries(schema.properties)) {
    line(`| \`${field}\` | ${typeOf(property)} | ${required.has(field) ? 'yes' : 'no'} | ${cell(property.description)} |`);
  }
  line();
}

/** A short type: a link for a component, `T[]` for arrays, enums spelled out, `| null` for nullable. */
function typeOf(schema) {
  if (!schema) return 'any';
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop();
    return `[${name}](#${slug(name)})`;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(' \\| ');
  if (schema.allOf?.length === 1) return typeOf(schema.allOf[0]);
  if (schema.enum) return schema.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (schema.const !== undefined) return `\`${schema.const}\``;
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  if (schema.type === 'object') return schema.properties ? 'object' : `map of ${typeOf(schema.additionalProperties)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  return [schema.type ?? 'any', schema.format].filter(Boolean).join(' ');
}

function cell(text) {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

/** GitHub's heading anchors for the plain names used here (tags and schema ids). */
function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
