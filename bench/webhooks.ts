import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { DatabaseHandle } from '../src/db/client.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import {
  createBenchDatabase,
  openBenchConnections,
  type BenchDatabase,
} from './lib/bench-database.ts';
import { startCpuAccount } from './lib/cpu-account.ts';
import {
  createProbeDirectory,
  PROBE_NODE_ARGS,
  renderProbe,
  renderTraces,
} from './lib/probe-reader.ts';
import { measureInsertBaseline } from './lib/webhook-baseline.ts';
import { parseWebhookOptions, WEBHOOK_USAGE, type WebhookOptions } from './lib/webhook-options.ts';
import {
  renderWebhookScenario,
  renderWebhookSummary,
  webhookVerdicts,
} from './lib/webhook-report.ts';
import {
  deliverScenario,
  prepareScenario,
  warmUpWebhooks,
  type PreparedScenario,
} from './lib/webhook-scenario.ts';
import { benchSecretKeyHex } from './lib/webhook-setup.ts';
import { summariseWebhooks, type WebhookSummary } from './lib/webhook-summary.ts';
import { verifyWebhooks } from './lib/webhook-verify.ts';

/**
 * Stripe webhook ingestion benchmark: N signed `payment_intent.succeeded` events, plus a share
 * of redeliveries, go through the real `POST /webhooks/stripe/:slug` of one or two
 * `lanyard serve` processes on one PostgreSQL; then the database is checked for any event or
 * order handled twice.
 */

interface Resources {
  database?: BenchDatabase;
  handle?: DatabaseHandle;
  checkPool?: pg.Pool;
  servers: ServerProcess[];
  /** The servers' DATA_DIR: confirmation emails land in its `mail/` folder. */
  dataDir?: string;
  probe?: ReturnType<typeof createProbeDirectory>;
}

type OpenResources = Required<Omit<Resources, 'servers' | 'probe'>> & Resources;

async function release(resources: Resources): Promise<void> {
  await Promise.allSettled(resources.servers.map((server) => server.stop()));
  resources.servers = [];
  await resources.handle?.close().catch(() => undefined);
  await resources.checkPool?.end().catch(() => undefined);
  await resources.database?.drop();
  if (resources.dataDir) rmSync(resources.dataDir, { recursive: true, force: true });
  resources.probe?.remove();
}

function startServers(
  options: WebhookOptions,
  bench: OpenResources,
  secretKeyHex: string,
  count: number,
) {
  return Promise.all(
    Array.from({ length: count }, () =>
      startServerProcess({
        databaseUrl: bench.database.url,
        env: {
          DATABASE_POOL_SIZE: String(options.poolSize),
          LANYARD_SECRET_KEY: secretKeyHex,
          STRIPE_TEST_MODE: 'false',
          DATA_DIR: bench.dataDir,
          ...bench.probe?.env,
        },
        nodeArgs: bench.probe ? PROBE_NODE_ARGS : [],
      }),
    ),
  );
}

async function countFinishedOutbox(pool: pg.Pool, conferenceId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM outbox WHERE conference_id = $1 AND status IN ('done', 'failed')`,
    [conferenceId],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Confirmation emails the servers' outbox worker has not sent yet would be sent by the next
 * scenario's servers, on its clock; they are set aside once the scenario has been checked.
 */
async function setAsideOutboxBacklog(pool: pg.Pool): Promise<void> {
  await pool.query(
    `UPDATE outbox SET status = 'failed', last_error = 'bench: set aside between scenarios'
      WHERE status IN ('pending', 'running')`,
  );
}

/** The clocked part, with CPU accounting; the outbox count is taken the moment it ends. */
async function measureDeliveries(
  options: WebhookOptions,
  bench: OpenResources,
  scenario: PreparedScenario,
) {
  const target = {
    urls: bench.servers.map((s) => s.url),
    inFlight: options.inFlight,
    timeoutMs: options.requestTimeoutMs,
  };
  // Probe numbers start over here, leaving the warm-up out.
  await bench.probe?.collect(bench.servers);
  const cpu = startCpuAccount(
    bench.servers.map((s) => s.pid),
    bench.database.name,
  );
  const results = await deliverScenario(target, scenario);
  const cpuUse = cpu.stop();
  const outboxFinished = await countFinishedOutbox(bench.checkPool, scenario.conference.id);
  const reports = bench.probe ? await bench.probe.collect(bench.servers) : [];
  const profile = reports.length > 0 ? [renderProbe(reports), renderTraces(reports)] : [];
  return { results, cpuUse, outboxFinished, profile: profile.join('\n') };
}

async function runScenario(
  options: WebhookOptions,
  bench: OpenResources,
  secretKeyHex: string,
): Promise<{ summary: WebhookSummary; profile: string }> {
  const processes = bench.servers.length;
  const scenario = await prepareScenario(
    bench.handle.db,
    secretKeyHex,
    options.events,
    'Webhook ingestion',
    { duplicates: options.duplicates, inFlight: options.inFlight, seed: options.seed },
  );
  const baselineCpu = startCpuAccount([], bench.database.name);
  const baseline = await measureInsertBaseline({
    url: bench.database.benchUrl,
    poolSize: options.poolSize * processes,
    inFlight: options.inFlight,
    deliveries: scenario.deliveries,
  });
  const baselineCpuUse = baselineCpu.stop();
  await warmUpWebhooks(bench.handle.db, secretKeyHex, {
    urls: bench.servers.map((s) => s.url),
    inFlight: options.inFlight,
    timeoutMs: options.requestTimeoutMs,
    poolSize: options.poolSize,
  });
  const { results, cpuUse, outboxFinished, profile } = await measureDeliveries(
    options,
    bench,
    scenario,
  );
  const summary = summariseWebhooks(
    { processes, poolSize: options.poolSize, inFlight: options.inFlight, events: options.events },
    results,
    { ...baseline, cpu: baselineCpuUse },
    cpuUse,
    outboxFinished,
  );
  summary.check = await verifyWebhooks(bench.checkPool, {
    conferenceId: scenario.conference.id,
    eventIds: scenario.events.map((e) => e.id),
    repeatedProcessedAnswers: summary.repeatedProcessedAnswers,
  });
  return { summary, profile };
}

async function openBench(options: WebhookOptions, resources: Resources): Promise<OpenResources> {
  const database = await createBenchDatabase(options.adminUrl);
  resources.database = database;
  console.log(`Bench database ${database.name} created and migrated.`);
  const connections = await openBenchConnections(database, 'CPU during the run');
  resources.handle = connections.handle;
  resources.checkPool = connections.checkPool;
  resources.dataDir = mkdtempSync(join(tmpdir(), 'lanyard-bench-webhooks-'));
  if (options.profile) resources.probe = createProbeDirectory();
  return {
    ...resources,
    database,
    handle: resources.handle,
    checkPool: resources.checkPool,
    dataDir: resources.dataDir,
  };
}

async function main(options: WebhookOptions): Promise<boolean> {
  const resources: Resources = { servers: [] };
  const interrupted = () => {
    console.error('\nInterrupted: stopping servers and dropping the bench database…');
    void release(resources).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const summaries: WebhookSummary[] = [];
  const secretKeyHex = benchSecretKeyHex();
  try {
    const bench = await openBench(options, resources);
    for (const processes of options.processes) {
      resources.servers = await startServers(options, bench, secretKeyHex, processes);
      console.log(
        `\nStarted ${processes} server(s): ${resources.servers.map((s) => s.url).join(', ')}`,
      );
      const { summary, profile } = await runScenario(
        options,
        { ...bench, servers: resources.servers },
        secretKeyHex,
      );
      summaries.push(summary);
      console.log(`\n${renderWebhookScenario(summary)}`);
      if (profile) console.log(profile);
      await Promise.all(resources.servers.map((s) => s.stop()));
      resources.servers = [];
      await setAsideOutboxBacklog(bench.checkPool);
    }
    console.log(
      `\nSummary (pool ${options.poolSize} per process, ${options.inFlight} in flight, duplicates ${options.duplicates}):\n`,
    );
    console.log(renderWebhookSummary(summaries));
  } finally {
    await release(resources);
  }
  return summaries.every((s) => {
    const v = webhookVerdicts(s);
    return v.double && v.complete;
  });
}

try {
  const options = parseWebhookOptions(process.argv.slice(2));
  if (options === 'help') console.log(WEBHOOK_USAGE);
  else if (!(await main(options))) {
    console.error('\nFAIL: an event or order was handled twice, or not at all (see above).');
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
