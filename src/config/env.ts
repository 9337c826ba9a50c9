import { z } from 'zod';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Named (prepared) statements per connection; turn off behind a pooler that cannot keep them. */
  DATABASE_PREPARED_STATEMENTS: boolFromEnv.default(true),
  DATA_DIR: z.string().min(1).default('./data'),
  LANYARD_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (a 256-bit key)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Shopping requests served at once per process; 0 = twice the database pool. */
  ADMISSION_LIMIT: z.coerce.number().int().min(0).max(10_000).default(0),
  ADMISSION_MAX_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(15_000),
  /** Most checkouts of one product placed by one statement (docs/decisions/concurrency.md). */
  CHECKOUT_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(32),
  /** Checkout statements per product at PostgreSQL from one process (batcher and queue). */
  CHECKOUT_IN_FLIGHT_PER_KEY: z.coerce.number().int().min(1).max(1000).default(2),
  /** The per-product queue in front of the advisory locks; off only to measure it. */
  CHECKOUT_LOCAL_QUEUE: boolFromEnv.default(true),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BOOTSTRAP_EXAMPLE: boolFromEnv.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Lanyard <no-reply@lanyard.localhost>'),
  /** Where the Stripe SDK sends requests; unset = Stripe itself. Tests point it at the stand-in. */
  STRIPE_API_URL: z.url().optional(),
  /** TEST MODE: conferences without Stripe keys pay through the in-process stand-in. */
  STRIPE_TEST_MODE: boolFromEnv.default(true),
  /** Where Pretalx lives (`lanyard pretalx sync`); self-hosted instances set their own. */
  PRETALX_URL: z.url().default('https://pretalx.com'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once at start; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is treated as unset, as shells and .env files often leave them blank.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = typeof issue.path[0] === 'string' ? present[issue.path[0]] : undefined;
        const shown = value === undefined ? '' : ` (got ${JSON.stringify(redact(name, value))})`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.LANYARD_SECRET_KEY) {
    throw new ConfigError([
      'LANYARD_SECRET_KEY: required in production (64 hex characters); it encrypts payment credentials at rest',
    ]);
  }
  if (config.NODE_ENV === 'production') {
    // TEST MODE takes no money; a production server must never fall back to it silently.
    if (config.STRIPE_API_URL || (present['STRIPE_TEST_MODE'] && config.STRIPE_TEST_MODE)) {
      throw new ConfigError([
        'STRIPE_TEST_MODE / STRIPE_API_URL: the Stripe stand-in is refused in production; unset them',
      ]);
    }
    return { ...config, STRIPE_TEST_MODE: false };
  }
  return config;
}

function redact(name: string, value: string): string {
  return /SECRET|KEY|PASSWORD|URL/.test(name) ? `${value.slice(0, 4)}…` : value;
}
