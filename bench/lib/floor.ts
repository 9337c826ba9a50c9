import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process.ts';
import { runArrivals } from './arrivals.ts';
import { keepAliveAgent, postJson } from './http-client.ts';
import type { Arrival } from './options.ts';

export interface FloorResult {
  placed: number;
  /** Placed per second, from the first request to the last 201, as for the app. */
  perSecond: number;
}

export interface FloorRun {
  buyers: number;
  seats: number;
  arrival: Arrival;
  inFlight: number;
  timeoutMs: number;
}

/** The floor servers of a scenario: as many as app processes, each with the app's pool size. */
export async function startFloorServers(
  url: string,
  count: number,
  poolSize: number,
): Promise<ServerProcess[]> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`
      CREATE TABLE IF NOT EXISTS floor_stock (id int PRIMARY KEY, total int NOT NULL, sold int NOT NULL);
      CREATE TABLE IF NOT EXISTS floor_carts (id serial PRIMARY KEY, buyer int NOT NULL);
      CREATE TABLE IF NOT EXISTS floor_orders (id serial PRIMARY KEY, cart int NOT NULL)`);
  } finally {
    await admin.end();
  }
  return Promise.all(
    Array.from({ length: count }, () =>
      startServerProcess({
        databaseUrl: url,
        env: { DATABASE_POOL_SIZE: String(poolSize) },
        script: ['bench/lib/floor-server.ts'],
      }),
    ),
  );
}

async function resetStock(url: string, seats: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO floor_stock (id, total, sold) VALUES (1, $1, 0)
       ON CONFLICT (id) DO UPDATE SET total = excluded.total, sold = 0`,
      [seats],
    );
  } finally {
    await client.end();
  }
}

async function rush(servers: readonly ServerProcess[], run: FloorRun): Promise<FloorResult> {
  const perServer = Math.ceil(run.buyers / servers.length);
  const targets = servers.map((server) => ({
    url: server.url,
    agent: keepAliveAgent(run.arrival === 'burst' ? perServer : run.inFlight),
  }));
  const placedAt: number[] = [];
  const startedAt = performance.now();
  try {
    const buyers = Array.from({ length: run.buyers }, (_, buyer) => async () => {
      const target = targets[buyer % targets.length];
      if (!target) throw new Error('no floor server');
      const post = (path: string, body: object) =>
        postJson({
          agent: target.agent,
          url: `${target.url}${path}`,
          body,
          headers: {},
          timeoutMs: run.timeoutMs,
        });
      const added = await post('/floor/add', { buyer });
      const { cart } = added.body as { cart: number };
      const checkedOut = await post('/floor/checkout', { cart });
      if (checkedOut.status === 201) placedAt.push(performance.now());
    });
    await runArrivals(buyers, run.arrival, run.inFlight);
  } finally {
    for (const target of targets) target.agent.destroy();
  }
  const lastPlaced = placedAt.reduce((a, b) => Math.max(a, b), startedAt);
  const seconds = (lastPlaced - startedAt) / 1000;
  return { placed: placedAt.length, perSecond: seconds > 0 ? placedAt.length / seconds : 0 };
}

/**
 * The rush against the floor servers, after an untimed warm-up of the same size as the app's,
 * so that both are measured with their hot paths compiled.
 */
export async function measureFloor(
  url: string,
  servers: readonly ServerProcess[],
  run: FloorRun & { warmUpBuyers: number },
): Promise<FloorResult> {
  const warmUp = run.warmUpBuyers * servers.length;
  await resetStock(url, Math.ceil(warmUp / 2));
  await rush(servers, { ...run, buyers: warmUp, arrival: 'bounded' });
  await resetStock(url, run.seats);
  return rush(servers, run);
}
