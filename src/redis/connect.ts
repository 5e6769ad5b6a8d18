import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config/config.js';

export type RedisClient = Redis | Cluster;
type RedisSettings = Pick<Config, 'redisUrl' | 'redisClusterNodes'>;

/**
 * A connection to the configured Redis: one node (REDIS_URL) or a cluster through its seed nodes
 * (REDIS_CLUSTER_NODES), with the same per-node options. Credentials and TLS come from the
 * first seed node's URL and apply to every node the cluster reports.
 */
export function connectRedis(config: RedisSettings, options: RedisOptions = {}): RedisClient {
  if (!config.redisClusterNodes) return new Redis(config.redisUrl, options);
  const seeds = config.redisClusterNodes.map((node) => new URL(node));
  const first = seeds[0]!;
  const { enableOfflineQueue, retryStrategy, ...perNode } = options;
  return new Cluster(
    seeds.map((url) => ({ host: url.hostname, port: Number(url.port || 6379) })),
    {
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
      redisOptions: {
        ...perNode,
        ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
        ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
        ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    },
  );
}

/**
 * What BullMQ connects with. On one node, options: BullMQ makes and closes its own connections.
 * On a cluster, a client of ours (BullMQ duplicates it for blocking reads but never closes it),
 * so the caller must close it after the queues and workers.
 */
export function bullConnection(config: RedisSettings, options: RedisOptions): ConnectionOptions {
  if (!config.redisClusterNodes) return { ...options, url: config.redisUrl } as ConnectionOptions;
  return connectRedis(config, options) as ConnectionOptions;
}

/** A cluster's BullMQ connection is a client the caller closes; options are not. */
export function isRedisClient(connection: ConnectionOptions): connection is RedisClient {
  return typeof (connection as RedisClient).quit === 'function';
}
