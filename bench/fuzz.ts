import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client.ts';
import { findMoneyDrift } from '../src/services/doctor/index.ts';
import { buildTestApp } from '../test/support/app.ts';
import { runFuzz } from '../test/support/fuzz-run.ts';
import { makeFuzzWorld } from '../test/support/fuzz-world.ts';
import { operationsOf, type OpenApiDocument } from '../test/support/openapi-fuzz.ts';
import { createBenchDatabase } from './lib/bench-database.ts';

/**
 * The API fuzz of `npm test`, longer: requests generated from the OpenAPI document against every
 * route as anonymous, buyer, organiser and token, on a fresh PostgreSQL database. Prints the
 * request rate beside a reference (GET /healthz through the same app, same run), the answers by
 * status, every distinct failure, and what `lanyard doctor` finds afterwards. Exit 1 on any.
 *
 *   npm run bench:fuzz -- [--requests 20000] [--seed N]
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} takes a whole number`);
  return value;
}

const requests = option('requests', 20_000);
const seed = option('seed', Date.now() % 2 ** 31);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const database = await createBenchDatabase(adminUrl);
const handle = await openDatabase({ url: database.url, poolSize: 5 });
const app = await buildTestApp({ db: handle.db, kind: 'postgres', url: database.url });
try {
  await app.ready();
  const operations = operationsOf(app.swagger() as unknown as OpenApiDocument);
  const world = await makeFuzzWorld(app, handle.db);
  const referenceStart = performance.now();
  for (let i = 0; i < 2_000; i += 1) await app.inject({ method: 'GET', url: '/healthz' });
  const referenceRate = 2_000 / ((performance.now() - referenceStart) / 1_000);

  const start = performance.now();
  const { sent, byStatus, failures } = await runFuzz(app, operations, world, { requests, seed });
  const seconds = (performance.now() - start) / 1_000;
  const drift = await findMoneyDrift(handle.db, new Date());

  console.log(
    `fuzz: ${sent} requests over ${operations.length} routes x 4 principals, seed ${seed}`,
  );
  console.log(
    `rate: ${Math.round(sent / seconds)} requests/s (reference GET /healthz: ${Math.round(referenceRate)}/s)`,
  );
  console.log(
    `answers: ${[...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join('  ')}`,
  );
  console.log(`failures: ${failures.size}`);
  for (const [kind, example] of failures) console.log(`  ${kind}: ${example.slice(0, 400)}`);
  console.log(`doctor: ${drift.length} findings`);
  for (const finding of drift) console.log(`  ${JSON.stringify(finding)}`);
  process.exitCode = failures.size || drift.length ? 1 : 0;
} finally {
  await app.close();
  await handle.close();
  await database.drop();
}
