import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { runArrivals } from './arrivals.ts';
import type { CpuUse } from './cpu-account.ts';
import type { Delivery } from './webhook-events.ts';

export interface InsertBaseline {
  statements: number;
  /** Rows actually inserted: the distinct events. */
  inserted: number;
  wallMs: number;
  /** Distinct events stored per second. */
  eventsPerSecond: number;
  statementsPerSecond: number;
  /** Set by the caller, which knows the database's name: how busy the machine was meanwhile. */
  cpu?: CpuUse | undefined;
}

/**
 * The floor cost of durable insert-or-ignore: the very same deliveries, duplicates included, as
 * single-statement autocommit `INSERT … ON CONFLICT DO NOTHING` of the event JSON (one WAL flush
 * each), through a `pg` pool as large as all the app processes' pools together, at the same
 * number in flight. No signature check, no HTTP, no processing transaction.
 */
export async function measureInsertBaseline(input: {
  url: string;
  poolSize: number;
  inFlight: number;
  deliveries: readonly Delivery[];
}): Promise<InsertBaseline> {
  const pool = new pg.Pool({ connectionString: input.url, max: input.poolSize });
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_webhook_events (
         stripe_id text PRIMARY KEY,
         payload jsonb NOT NULL,
         received_at timestamptz NOT NULL DEFAULT now())`,
    );
    await pool.query('TRUNCATE bench_webhook_events');
    // Open every connection before the clock starts, as the app's warm-up does.
    const clients = await Promise.all(Array.from({ length: input.poolSize }, () => pool.connect()));
    for (const client of clients) client.release();

    let inserted = 0;
    const startedAt = performance.now();
    const tasks = input.deliveries.map(({ event }) => async () => {
      const result = await pool.query(
        'INSERT INTO bench_webhook_events (stripe_id, payload) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [event.id, event.payload],
      );
      inserted += result.rowCount ?? 0;
    });
    await runArrivals(tasks, 'bounded', input.inFlight);
    const wallMs = performance.now() - startedAt;
    const seconds = wallMs / 1000;
    return {
      statements: input.deliveries.length,
      inserted,
      wallMs,
      eventsPerSecond: seconds > 0 ? inserted / seconds : 0,
      statementsPerSecond: seconds > 0 ? input.deliveries.length / seconds : 0,
    };
  } finally {
    await pool.end();
  }
}
