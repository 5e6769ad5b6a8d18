import { z } from 'zod';
import { resolveWeights, type Weights } from '../../libs/scoring/index.js';
import { parseGroupMemberships } from '../../libs/sessions/index.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined) };
const optionalUrl = z.url().optional();

const environment = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    // More than one: `npm run start:api` runs a node:cluster of that many api processes on PORT.
    API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, ...required }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    DATABASE_PREPARED_STATEMENTS: flag.default(true),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    // Seed nodes of a Redis Cluster, comma-separated; REDIS_URL is then not used.
    REDIS_CLUSTER_NODES: z
      .string()
      .transform((list) => list.split(',').map((node) => node.trim()))
      .pipe(z.array(z.url({ protocol: /^rediss?$/, error: 'a comma-separated list of redis:// or rediss:// URLs' })).min(1))
      .optional(),
    // `{seaward}` (a hash tag) keeps every BullMQ key of a queue in one Redis Cluster slot, as BullMQ requires there.
    REDIS_PREFIX: z
      .string()
      .regex(/^(\{[a-z0-9_-]+\}|[a-z0-9_-]+)[a-z0-9_-]*$/i, 'letters, digits, _ and -, optionally starting with a {hash tag}')
      .default('seaward'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'a size such as 1mb or 512kb')
      .default('1mb'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(24).default(24),
    AUTH_DEV_TOKENS: flag.optional(),
    AUTH_DEV_SECRET: z.string().min(32).default('seaward-development-secret-never-use-in-production'),
    AUTH_JWKS_URL: optionalUrl,
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    NOTIFICATION_ALLOW_PRIVATE_NETWORKS: flag.default(false),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(14),
    EXPIRY_SWEEP_MS: z.coerce.number().int().min(1000).default(300_000),
    AWARD_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    MATCH_WEIGHTS: z
      .string()
      .optional()
      .transform((text, ctx): Weights | undefined => {
        if (text === undefined) return undefined;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object of factor weights' });
          return z.NEVER;
        }
        const resolved = resolveWeights(parsed as Partial<Weights>);
        if (resolved.ok) return resolved.weights;
        ctx.addIssue({ code: 'custom', message: resolved.reason });
        return z.NEVER;
      }),
    MATCH_INVITE_TOP_K: z.coerce.number().int().min(0).max(100).default(10),
    FAIR_EXPOSURE_BAND: z.coerce.number().min(0).max(1).default(0.02),
    FAIR_EXPOSURE_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    MATCH_RESULTS_KEPT: z.coerce.number().int().min(1).max(10_000).default(200),
    MATCH_RESULTS_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(365),
    MATCH_RESULTS_ARCHIVE_TOP: z.coerce.number().int().min(1).max(10_000).default(20),
    MATCH_LEARNING_EVERY_MS: z.coerce.number().int().min(1000).default(86_400_000),
    MATCH_LEARNING_HALF_LIFE_DAYS: z.coerce.number().min(1).max(3650).default(90),
    MATCH_LEARNING_MIN_AWARDS: z.coerce.number().int().min(10).max(100_000).default(30),
    SEARCH_FACET_EXACT_LIMIT: z.coerce.number().int().min(0).default(1000),
    SEARCH_ESTIMATE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    // One URL, or a comma-separated list for a Typesense cluster (the client spreads and fails over).
    TYPESENSE_URL: z
      .string()
      .optional()
      .refine(
        (text) => text === undefined || text.split(',').every((url) => z.url({ protocol: /^https?$/ }).safeParse(url.trim()).success),
        'one http(s) URL or a comma-separated list of them',
      ),
    TYPESENSE_API_KEY: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_API_BASE: optionalUrl,
    RECONCILIATION_BATCH: z.coerce.number().int().min(1).max(100_000).default(10_000),
    RECONCILIATION_LANES: z.coerce.number().int().min(1).max(16).default(2),
    RECONCILIATION_CRON: z.string().default('0 2 * * *'),
    STRIPE_PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
    MILESTONE_AUTO_RELEASE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    MILESTONE_SWEEP_MS: z.coerce.number().int().min(1000).default(3_600_000),
    DISPUTE_DECISION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    FX_RATE_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    SUBSIDY_ACCEPTANCE_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    RECEIPT_FONT_PATH: z.string().min(1).default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
    RECEIPT_FONT_FAMILY: z.string().min(1).default('WenQuanYiMicroHei'),
    CUSTODIAN_BANK_NAME: z.string().trim().min(1).max(200).optional(),
    CUSTODIAN_ACCOUNT_NAME: z.string().trim().min(1).max(200).optional(),
    CUSTODIAN_ACCOUNT_NUMBER: z.string().trim().min(1).max(64).optional(),
    CUSTODIAN_CNAPS: z.string().trim().min(1).max(32).optional(),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
    JOB_BACKOFF_SCALE: z.coerce.number().positive().max(1).default(1),
    SWEEP_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
    SWEEP_STALE_AFTER_MS: z.coerce.number().int().min(1000).default(600_000),
    APPLICATION_SLA_DAYS: z.coerce.number().positive().max(365).default(10),
    CITY_JOBS_EVERY_MS: z.coerce.number().int().min(1000).default(3_600_000),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .default(12),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().min(1).default('openid profile email'),
    OIDC_GROUPS_CLAIM: z.string().min(1).optional(),
    OIDC_GROUP_MEMBERSHIPS: z.string().optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Seaward <no-reply@seaward.localhost>'),
    INVITATION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .default(72),
    // The request desk (issue 29): working days to answer, and how often past-due questions are flagged.
    DESK_SLA_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    DESK_OVERDUE_SWEEP_MS: z.coerce.number().int().min(100).default(300_000),
    FILES_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(25 * 1024 * 1024),
    FILES_DIR: z.string().min(1).default('./.seaward/files'),
    FILES_DRAFT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
    S3_ENDPOINT: optionalUrl,
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: flag.default(true),
    FILES_SCAN_URL: z.url({ protocol: /^tcp$/, error: 'a tcp://host:port URL of a clamd' }).optional(),
    CITY_REPORTS_CRON: z.string().default('30 0 * * *'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.AUTH_DEV_TOKENS) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_DEV_TOKENS'], message: 'must not be true in production' });
    }
    if (env.S3_BUCKET && !env.S3_ENDPOINT) ctx.addIssue({ code: 'custom', path: ['S3_ENDPOINT'], message: 'is required with S3_BUCKET' });
    if (env.REDIS_CLUSTER_NODES && !env.REDIS_PREFIX.startsWith('{')) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_PREFIX'], message: 'must start with a {hash tag} on Redis Cluster, e.g. {seaward}' });
    }
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'is required with OIDC_ISSUER' });
    for (const issue of parseGroupMemberships(env.OIDC_GROUP_MEMBERSHIPS).issues)
      ctx.addIssue({ code: 'custom', path: ['OIDC_GROUP_MEMBERSHIPS'], message: issue });
    if (env.NODE_ENV === 'production') {
      for (const key of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
      }
    }
  })
  // Checked even when other variables are wrong, so a missing Redis is named beside them.
  .refine((env: { REDIS_URL?: unknown; REDIS_CLUSTER_NODES?: unknown }) => env.REDIS_URL !== undefined || env.REDIS_CLUSTER_NODES !== undefined, {
    path: ['REDIS_URL'],
    message: 'is required',
    when: () => true,
  });

export type Config = ReturnType<typeof loadConfig>;

/** Every variable the configuration reads (the README's table and .env.example list them all). */
export function configurationKeys(): string[] {
  return Object.keys(environment.shape);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment once; a missing or malformed variable stops the process naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    apiProcesses: e.API_PROCESSES,
    databaseUrl: e.DATABASE_URL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseReadUrl: e.DATABASE_READ_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    metricsToken: e.METRICS_TOKEN,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    databaseLimits: {
      acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      lockTimeoutMs: e.DATABASE_LOCK_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    redisUrl: e.REDIS_URL ?? '',
    /** Set: connect to a Redis Cluster through these seed nodes instead of REDIS_URL. */
    redisClusterNodes: e.REDIS_CLUSTER_NODES ?? null,
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_HOURS * 3600,
    auth: {
      // Off unless a deployment turns it on: a forgotten NODE_ENV must not hand out admin tokens.
      devTokens: e.AUTH_DEV_TOKENS ?? false,
      devSecret: e.AUTH_DEV_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
      oidc: e.OIDC_ISSUER
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID ?? '',
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES,
            groupsClaim: e.OIDC_GROUPS_CLAIM,
            groupMemberships: e.OIDC_GROUP_MEMBERSHIPS,
          }
        : null,
      invitationTtlMs: e.INVITATION_TTL_HOURS * 3_600_000,
    },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    outboxPollMs: e.OUTBOX_POLL_MS,
    outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
    notificationsAllowPrivateNetworks: e.NOTIFICATION_ALLOW_PRIVATE_NETWORKS,
    expirySweepMs: e.EXPIRY_SWEEP_MS,
    searchExactLimit: e.SEARCH_FACET_EXACT_LIMIT,
    searchEstimateTtlMs: e.SEARCH_ESTIMATE_SECONDS * 1000,
    awardWindowDays: e.AWARD_WINDOW_DAYS,
    reconciliation: { batch: e.RECONCILIATION_BATCH, lanes: e.RECONCILIATION_LANES, cron: e.RECONCILIATION_CRON },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    jobs: { backoffScale: e.JOB_BACKOFF_SCALE, sweepEveryMs: e.SWEEP_EVERY_MS, staleAfterMs: e.SWEEP_STALE_AFTER_MS },
    city: { applicationSlaDays: e.APPLICATION_SLA_DAYS, jobsEveryMs: e.CITY_JOBS_EVERY_MS, reportsCron: e.CITY_REPORTS_CRON },
    desk: { slaWorkingDays: e.DESK_SLA_WORKING_DAYS, overdueSweepMs: e.DESK_OVERDUE_SWEEP_MS },
    matching: {
      weights: e.MATCH_WEIGHTS,
      topK: e.MATCH_INVITE_TOP_K,
      band: e.FAIR_EXPOSURE_BAND,
      windowDays: e.FAIR_EXPOSURE_WINDOW_DAYS,
      keep: e.MATCH_RESULTS_KEPT,
      retentionDays: e.MATCH_RESULTS_RETENTION_DAYS,
      archiveTop: e.MATCH_RESULTS_ARCHIVE_TOP,
      learning: { everyMs: e.MATCH_LEARNING_EVERY_MS, halfLifeDays: e.MATCH_LEARNING_HALF_LIFE_DAYS, minAwards: e.MATCH_LEARNING_MIN_AWARDS },
    },
    typesense: e.TYPESENSE_URL ? { url: e.TYPESENSE_URL, apiKey: e.TYPESENSE_API_KEY ?? '' } : null,
    files: {
      maxBytes: e.FILES_MAX_BYTES,
      dir: e.FILES_DIR,
      draftRetentionDays: e.FILES_DRAFT_RETENTION_DAYS,
      scanUrl: e.FILES_SCAN_URL ?? null,
      s3: e.S3_BUCKET
        ? {
            endpoint: e.S3_ENDPOINT!,
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
          }
        : null,
    },
    stripe: e.STRIPE_SECRET_KEY
      ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE, platformFeeBps: e.STRIPE_PLATFORM_FEE_BPS }
      : null,
    fxRateMaxAgeDays: e.FX_RATE_MAX_AGE_DAYS,
    subsidyAcceptanceDays: e.SUBSIDY_ACCEPTANCE_DAYS,
    receiptFontPath: e.RECEIPT_FONT_PATH,
    receiptFontFamily: e.RECEIPT_FONT_FAMILY,
    escrow: {
      autoReleaseDays: e.MILESTONE_AUTO_RELEASE_DAYS,
      sweepEveryMs: e.MILESTONE_SWEEP_MS,
      disputeDecisionDays: e.DISPUTE_DECISION_DAYS,
      custodian:
        e.CUSTODIAN_BANK_NAME && e.CUSTODIAN_ACCOUNT_NAME && e.CUSTODIAN_ACCOUNT_NUMBER
          ? { bank: e.CUSTODIAN_BANK_NAME, accountName: e.CUSTODIAN_ACCOUNT_NAME, accountNumber: e.CUSTODIAN_ACCOUNT_NUMBER, cnaps: e.CUSTODIAN_CNAPS ?? null }
          : null,
    },
  };
}
