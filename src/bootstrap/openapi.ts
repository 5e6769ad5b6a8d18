import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger';
import { z } from 'zod';
import { componentSchemas, withoutUnusedSchemas } from '../common/openapi/api-schema.js';
import { codesOf, IDEMPOTENCY_KEY_PARAMETER, problemResponses, routeFacts } from '../common/openapi/problem-responses.js';

export const problemSchema = z
  .object({
    type: z.string().describe('`/problems/<code>`'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine code, e.g. validation_failed, not_found, budget_exhausted; each response lists the codes it can carry'),
    errors: z
      .array(z.object({ path: z.string().describe('the field at fault, dotted (`weights.charm`)'), message: z.string() }))
      .optional()
      .describe('for validation_failed: one entry per field at fault'),
    instance: z.string().optional().describe('the path of the request'),
    requestId: z.string().optional().describe('the X-Request-Id of the request, as logged'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

const internalError = {
  description: '`internal_error`: anything else, logged with the request id',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const TAGS = [
  ['health', 'Liveness and readiness probes'],
  ['reference', 'Countries, categories, sectors, districts and currencies: the codes every other field uses'],
  ['auth', 'Development tokens (only where AUTH_DEV_TOKENS is on; never in production)'],
  ['enterprises', 'Enterprises going global: registration, lookup, group confirmation'],
  ['providers', 'Service providers: profiles, credentials, faceted search'],
  ['alliances', 'Provider alliances: membership and vetting, match weights'],
  ['requests', 'Service requests: publishing and the ranked matches'],
  ['bids', 'Bids of invited providers and the award'],
  ['engagements', 'The engagement after an award: delivery, acceptance, rating, disputes'],
  ['payments', 'Bank transfer and Stripe payments, refunds, payout accounts, Stripe webhooks'],
  ['vouchers', 'District programmes (budgets), their vouchers, ledger history, audit and alerts'],
  ['reconciliation', 'Reconciliation runs of a programme and the settlements they produce'],
  ['quality', 'Match quality for alliance managers: analytics, reviews, weight replays'],
  ['notifications', "An organisation's webhook endpoint"],
  ['admin', 'Background queues: health and re-drive'],
] as const;

const DESCRIPTION = `Service matching and vouchers for enterprises going global.

The rules every operation shares — problem+json errors with stable codes, bearer tokens and roles,
\`Idempotency-Key\`, cursor pagination, rate limits — are in docs/api.md of the repository; the
reference generated from this document is docs/api-reference.md.`;

/** OpenAPI 3.1 from the controllers (routes), the zod schemas (shapes) and the guards (errors, security). */
export function buildOpenApiDocument(app: INestApplication, serverUrl = 'http://localhost:3000'): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Seaward API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer(serverUrl, 'This deployment')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT with `sub`, `role` and `org`' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.tags = TAGS.map(([name, description]) => ({ name, description }));
  document.security = [{ bearer: [] }];
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...componentSchemas() },
    parameters: {
      [IDEMPOTENCY_KEY_PARAMETER]: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Retry-safe POST: the same key and body answer the first response again (`Idempotent-Replayed: true`)',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
      },
    },
  };
  const facts = routeFacts(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      const route = facts.get(operation.operationId ?? '');
      if (!route) throw new Error(`no route facts for ${method.toUpperCase()} ${path}`);
      if (route.isPublic) operation.security = [];
      else delete operation.security;
      operation.description = [operation.description, access(route)].filter(Boolean).join('\n\n');
      const body = (operation.requestBody as { content?: Record<string, { examples?: unknown }> } | undefined)?.content?.['application/json'];
      if (route.example && body) body.examples = { [slug(route.example.summary)]: route.example };
      if (method === 'post' && !route.isPublic) {
        operation.parameters = [...(operation.parameters ?? []), { $ref: `#/components/parameters/${IDEMPOTENCY_KEY_PARAMETER}` }];
      }
      operation.responses = { ...operation.responses, ...problemResponses(codesOf(method, operation, route), path), default: internalError };
    }
  }
  return withoutUnusedSchemas(document);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function access(route: { isPublic: boolean; roles: string[] }): string {
  if (route.isPublic) return 'Access: public, no token.';
  return route.roles.length ? `Access: roles ${route.roles.map((r) => `\`${r}\``).join(', ')}.` : 'Access: any authenticated role.';
}

export function mountOpenApi(app: INestApplication, serverUrl?: string): void {
  const document = buildOpenApiDocument(app, serverUrl);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: '/openapi.json', customSiteTitle: 'Seaward API' });
}
