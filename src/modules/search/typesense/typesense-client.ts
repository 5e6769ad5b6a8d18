import { Client } from 'typesense';

export interface TypesenseConfig {
  /** TYPESENSE_URL, e.g. http://typesense:8108, or a comma-separated list of a cluster's nodes */
  url: string;
  apiKey: string;
}

export interface TypesenseNode {
  host: string;
  port: number;
  protocol: 'http' | 'https';
  path: string;
}

/** The client's node settings for a URL; the port defaults by protocol, a trailing slash is dropped. */
export function typesenseNode(url: string): TypesenseNode {
  const parsed = new URL(url);
  const protocol = parsed.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https') {
    throw new RangeError(`TYPESENSE_URL must be http or https, got ${parsed.protocol}`);
  }
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : protocol === 'https' ? 443 : 80,
    protocol,
    path: parsed.pathname.replace(/\/+$/, ''),
  };
}

export function createTypesenseClient(config: TypesenseConfig): Client {
  const nodes = config.url.split(',').map((url) => typesenseNode(url.trim()));
  return new Client({ nodes, apiKey: config.apiKey, connectionTimeoutSeconds: 5, ...(nodes.length > 1 ? { numRetries: nodes.length } : {}) });
}
