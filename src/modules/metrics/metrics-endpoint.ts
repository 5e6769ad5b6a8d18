import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * GET /metrics in Prometheus text format, for the api's Express app and the worker's own server.
 * With METRICS_TOKEN set, a scrape must send it as a bearer token; unset, the endpoint is open.
 */
export function metricsHandler(registry: Registry, token: string | undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (token && !bearerMatches(req.headers.authorization, token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('METRICS_TOKEN required\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${error.message}\n`),
    );
  };
}
