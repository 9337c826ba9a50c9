import type pg from 'pg';
import type { DatabaseHandle } from '../src/db/client.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { renderActivity, sampleActivity } from './lib/activity-sampler.ts';
import { measureBaseline } from './lib/baseline.ts';
import { measureFloor, startFloorServers } from './lib/floor.ts';
import { startCpuAccount } from './lib/cpu-account.ts';
import {
  createBenchDatabase,
  openBenchConnections,
  type BenchDatabase,
} from './lib/bench-database.ts';
import { parseRushOptions, USAGE, type Arrival, type RushOptions } from './lib/options.ts';
import {
  createProbeDirectory,
  PROBE_NODE_ARGS,
  renderProbe,
  renderTraces,
} from './lib/probe-reader.ts';
import { renderScenario, renderSummary } from './lib/report.ts';
import { prepareRush, runRush, warmUp, type PreparedRush } from './lib/rush-scenario.ts';
import { summariseScenario, type ScenarioSummary } from './lib/rush-summary.ts';
import { verifySales } from './lib/verify-sales.ts';

/**
 * Ticket-rush load benchmark: N signed-in buyers race for `seats` seats through the real HTTP
 * API of one or two `lanyard serve` processes on one PostgreSQL, then the database is checked
 * for oversell and for seats left unsold while buyers were turned away.
 */

interface Resources {
  database?: BenchDatabase;
  handle?: DatabaseHandle;
  checkPool?: pg.Pool;
  servers: ServerProcess[];
  /** Bare HTTP stand-ins for the floor (bench/lib/floor-server.ts), one per app process. */
  floorServers: ServerProcess[];
  probe?: ReturnType<typeof createProbeDirectory>;
}

async function release(resources: Resources): Promise<void> {
  await Promise.allSettled(
    [...resources.servers, ...resources.floorServers].map((server) => server.stop()),
  );
  resources.servers = [];
  resources.floorServers = [];
  await resources.handle?.close().catch(() => undefined);
  await resources.checkPool?.end().catch(() => undefined);
  await resources.database?.drop();
  resources.probe?.remove();
}

async function startServers(
  options: RushOptions,
  url: string,
  count: number,
  probeEnv: Readonly<Record<string, string>> | undefined,
) {
  const nodeArgs = [...(probeEnv ? PROBE_NODE_ARGS : []), ...options.serverNodeArgs];
  return Promise.all(
    Array.from({ length: count }, () =>
      startServerProcess({
        databaseUrl: url,
        env: {
          DATABASE_POOL_SIZE: String(options.poolSize),
          LOCK_TIMEOUT_MS: String(options.lockTimeoutMs),
          ...probeEnv,
        },
        nodeArgs,
      }),
    ),
  );
}

type OpenResources = Required<Omit<Resources, 'servers' | 'floorServers' | 'probe'>> & Resources;

/** The clocked part: warm-up first, then the rush with CPU accounting and, if asked, profiling. */
async function measureRush(
  options: RushOptions,
  resources: OpenResources,
  rush: PreparedRush,
  arrival: Arrival,
) {
  const urls = resources.servers.map((s) => s.url);
  await warmUp(resources.handle.db, urls, {
    poolSize: options.poolSize,
    buyersPerServer: options.warmUpBuyers,
    timeoutMs: options.requestTimeoutMs,
  });
  const { probe } = resources;
  await probe?.collect(resources.servers);
  const activity = options.profile ? sampleActivity(resources.database.benchUrl, 25) : undefined;
  const cpu = startCpuAccount(
    resources.servers.map((s) => s.pid),
    resources.database.name,
  );
  try {
    const results = await runRush(urls, rush, {
      arrival,
      inFlight: options.inFlight,
      timeoutMs: options.requestTimeoutMs,
    });
    const cpuUse = cpu.stop();
    const activityProfile = await activity?.stop();
    const probeReports = probe ? await probe.collect(resources.servers) : [];
    const profile = activityProfile
      ? [renderActivity(activityProfile), renderProbe(probeReports), renderTraces(probeReports)]
      : [];
    return { results, cpuUse, profile: profile.join('\n') };
  } finally {
    await activity?.stop();
  }
}

async function runScenario(
  options: RushOptions,
  resources: OpenResources,
  arrival: Arrival,
): Promise<{ summary: ScenarioSummary; profile: string }> {
  const processes = resources.servers.length;
  const baseline = await measureBaseline({
    url: resources.database.benchUrl,
    poolSize: options.poolSize * processes,
    attempts: options.buyers,
    seats: options.seats,
    arrival,
    inFlight: options.inFlight,
  });
  const floor = await measureFloor(resources.database.benchUrl, resources.floorServers, {
    buyers: options.buyers,
    seats: options.seats,
    arrival,
    inFlight: options.inFlight,
    timeoutMs: options.requestTimeoutMs,
    warmUpBuyers: options.warmUpBuyers,
  });
  const rush = await prepareRush(
    resources.handle.db,
    options.buyers,
    options.seats,
    options.discountUnits,
  );
  const { results, cpuUse, profile } = await measureRush(options, resources, rush, arrival);
  const sales = await verifySales(resources.checkPool, {
    conferenceId: rush.conference.id,
    ticketTypeId: rush.ticketType.id,
    seats: options.seats,
    buyers: options.buyers,
    discount: rush.discount,
  });
  const scenario = { processes, arrival, inFlight: options.inFlight, seats: options.seats };
  const summary = summariseScenario(scenario, results, sales, { baseline, floor }, cpuUse);
  return { summary, profile };
}

async function openBench(options: RushOptions, resources: Resources): Promise<OpenResources> {
  const database = await createBenchDatabase(options.adminUrl);
  resources.database = database;
  console.log(`Bench database ${database.name} created and migrated.`);
  const connections = await openBenchConnections(database, 'CPU during the rush');
  resources.handle = connections.handle;
  resources.checkPool = connections.checkPool;
  if (options.profile) resources.probe = createProbeDirectory();
  return { ...resources, database, handle: resources.handle, checkPool: resources.checkPool };
}

async function main(options: RushOptions): Promise<void> {
  const resources: Resources = { servers: [], floorServers: [] };
  const interrupted = () => {
    console.error('\nInterrupted: stopping servers and dropping the bench database…');
    void release(resources).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const summaries: ScenarioSummary[] = [];
  try {
    const bench = await openBench(options, resources);
    for (const processes of options.processes) {
      resources.servers = await startServers(
        options,
        bench.database.url,
        processes,
        resources.probe?.env,
      );
      resources.floorServers = await startFloorServers(
        bench.database.benchUrl,
        processes,
        options.poolSize,
      );
      console.log(
        `\nStarted ${processes} server(s): ${resources.servers.map((s) => s.url).join(', ')}`,
      );
      for (const arrival of options.arrivals) {
        const { summary, profile } = await runScenario(
          options,
          { ...bench, servers: resources.servers, floorServers: resources.floorServers },
          arrival,
        );
        summaries.push(summary);
        console.log(`\n${renderScenario(summary)}`);
        if (profile) console.log(profile);
      }
      await Promise.all([...resources.servers, ...resources.floorServers].map((s) => s.stop()));
      resources.servers = [];
      resources.floorServers = [];
    }
    console.log(
      `\nSummary (pool ${options.poolSize} per process, lock timeout ${options.lockTimeoutMs} ms):\n`,
    );
    console.log(renderSummary(summaries));
  } finally {
    await release(resources);
  }
}

try {
  const options = parseRushOptions(process.argv.slice(2));
  if (options === 'help') console.log(USAGE);
  else await main(options);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
