import { parseArgs } from 'node:util';
import { list, positiveInt } from './cli-args.ts';

export interface WebhookOptions {
  /** Distinct `payment_intent.succeeded` events, one per pending order. */
  events: number;
  /** Extra deliveries of already-sent events, as a fraction of `events`. */
  duplicates: number;
  inFlight: number;
  processes: number[];
  poolSize: number;
  requestTimeoutMs: number;
  adminUrl: string;
  /** Seed of the delivery order, so that a run can be repeated exactly. */
  seed: number;
  /** Load the query probe into the servers (statements per delivery; slightly perturbs numbers). */
  profile: boolean;
}

export const WEBHOOK_USAGE = `npm run bench:webhooks -- [options]
  --events N            distinct signed events, one per pending order (default 5000)
  --duplicates F        extra deliveries of already-sent events, as a fraction of --events
                        (default 0.10)
  --in-flight N         most deliveries on the wire at once (default 50)
  --processes LIST      app processes per scenario, comma separated (default 1,2)
  --pool-size N         DATABASE_POOL_SIZE of each app process (default 10)
  --timeout-ms N        deadline of each HTTP request (default 30000)
  --seed N              seed of the delivery order (default 1)
  --profile             load the query probe into the servers (statements per delivery)
Admin URL of PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).`;

function fraction(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 10)
    throw new Error(`--${name} must be a number from 0 to 10`);
  return value;
}

export function parseWebhookOptions(argv: readonly string[]): WebhookOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string' },
      duplicates: { type: 'string' },
      'in-flight': { type: 'string' },
      processes: { type: 'string' },
      'pool-size': { type: 'string' },
      'timeout-ms': { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  return {
    events: positiveInt('events', values.events, 5000),
    duplicates: fraction('duplicates', values.duplicates, 0.1),
    inFlight: positiveInt('in-flight', values['in-flight'], 50),
    processes: list('processes', values.processes, [1, 2, 3, 4, 5, 6, 7, 8], [1, 2]),
    poolSize: positiveInt('pool-size', values['pool-size'], 10),
    requestTimeoutMs: positiveInt('timeout-ms', values['timeout-ms'], 30_000),
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    seed: positiveInt('seed', values.seed, 1),
    profile: values.profile,
  };
}
