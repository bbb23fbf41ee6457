import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const DEFAULT_RATE_LIMIT = 1200;
const ms = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);

/**
 * The environment is the only place configuration comes from; this schema is its single
 * definition, and `Config` is derived from it so the types cannot drift.
 */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/ind.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Base of every absolute URL the API publishes (catalog, links); never taken from the Host
   * header. Defaults to the address the server listens on.
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),

  /**
   * Requests per client address and window; 0 turns rate limiting off. Left unset, a budget of
   * 1200 applies to remote clients only, and local traffic (probes, a sidecar, benchmarks on the
   * same host) is not counted; set, it applies to every client.
   */
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).optional(),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  /**
   * Behind a load balancer the client address is in X-Forwarded-For: `true` trusts every hop,
   * a number trusts that many hops, anything else is a comma-separated list of proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] =>
      v === 'true' ? true : v === 'false' || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim())),
  /** Mean event-loop delay (ms) above which requests are shed with 503; 0 turns shedding off. */
  MAX_EVENT_LOOP_DELAY_MS: ms(1000),
  /** Longest request target accepted (414 beyond), and the HTTP parser's limit for all headers (431 beyond). */
  MAX_URL_LENGTH: z.coerce.number().int().min(256).max(65536).default(4096),
  MAX_HEADER_SIZE: z.coerce.number().int().min(4096).max(65536).default(16384),
  /** Time to receive a whole request, idle socket time, and keep-alive time between requests. */
  REQUEST_TIMEOUT_MS: ms(10_000),
  CONNECTION_TIMEOUT_MS: ms(60_000),
  KEEP_ALIVE_TIMEOUT_MS: ms(72_000),
  /** How long /health keeps its verdict on the store before it checks again; 0 checks on every request. */
  HEALTH_CHECK_INTERVAL_MS: ms(1000),
  /** Finished responses kept in memory (the data never changes while the process lives). */
  RESPONSE_CACHE: flag.default(true),
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(2000),
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(1024).default(32 * 1024 * 1024),
}).transform((env) => ({
  ...env,
  RATE_LIMIT_MAX: env.RATE_LIMIT_MAX ?? DEFAULT_RATE_LIMIT,
  RATE_LIMIT_EXEMPT_LOOPBACK: env.RATE_LIMIT_MAX === undefined,
  PUBLIC_URL: env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST}:${env.PORT}`,
}));

export type Config = z.output<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  return parsed.data;
}
