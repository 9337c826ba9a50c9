import { parseArgs } from 'node:util';
import { list, positiveInt } from './cli-args.ts';

export type Arrival = 'burst' | 'bounded';

export interface RushOptions {
  buyers: number;
  seats: number;
  inFlight: number;
  processes: number[];
  arrivals: Arrival[];
  poolSize: number;
  lockTimeoutMs: number;
  requestTimeoutMs: number;
  /** Buyers per app process in the untimed warm-up rush; half as many seats. */
  warmUpBuyers: number;
  adminUrl: string;
  /** Sample pg_stat_activity and time every query inside the servers (slightly perturbs numbers). */
  profile: boolean;
  /** Extra node flags for the app processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  serverNodeArgs: string[];
  /** An early-bird discount limited to this many units on the rush ticket (D3.6); null: none. */
  discountUnits: number | null;
}

export const USAGE = `npm run bench:rush -- [options]
  --buyers N            buyers racing for the seats (default 2000)
  --seats N             seats of the one ticket type (default 500)
  --in-flight N         bounded arrival: most buyers in flight at once (default 50)
  --processes LIST      app processes per scenario, comma separated (default 1,2)
  --arrival LIST        burst,bounded (default both)
  --pool-size N         DATABASE_POOL_SIZE of each app process (default 10)
  --lock-timeout-ms N   LOCK_TIMEOUT_MS of each app process (default 3000)
  --timeout-ms N        deadline of each HTTP request (default 30000)
  --warm-up N           buyers per app process in the untimed warm-up rush (default 500)
  --discount-units N    add an early-bird discount (20 %) limited to N units on the rush ticket
  --profile             sample pg_stat_activity and time queries inside the servers
  --server-node-args=S  extra node flags for the app processes, space separated
                        (e.g. "--server-node-args=--cpu-prof --cpu-prof-dir=/tmp/prof")
Admin URL of PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).`;

export function parseRushOptions(argv: readonly string[]): RushOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      buyers: { type: 'string' },
      seats: { type: 'string' },
      'in-flight': { type: 'string' },
      processes: { type: 'string' },
      arrival: { type: 'string' },
      'pool-size': { type: 'string' },
      'lock-timeout-ms': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'warm-up': { type: 'string' },
      'discount-units': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'server-node-args': { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  return {
    buyers: positiveInt('buyers', values.buyers, 2000),
    seats: positiveInt('seats', values.seats, 500),
    inFlight: positiveInt('in-flight', values['in-flight'], 50),
    processes: list('processes', values.processes, [1, 2, 3, 4], [1, 2]),
    arrivals: list<Arrival>('arrival', values.arrival, ['burst', 'bounded'], ['burst', 'bounded']),
    poolSize: positiveInt('pool-size', values['pool-size'], 10),
    lockTimeoutMs: positiveInt('lock-timeout-ms', values['lock-timeout-ms'], 3000),
    requestTimeoutMs: positiveInt('timeout-ms', values['timeout-ms'], 30_000),
    warmUpBuyers: positiveInt('warm-up', values['warm-up'], 500),
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    profile: values.profile,
    serverNodeArgs: values['server-node-args'].split(/\s+/).filter(Boolean),
    discountUnits:
      values['discount-units'] === undefined
        ? null
        : positiveInt('discount-units', values['discount-units'], 1),
  };
}
