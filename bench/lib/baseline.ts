import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { runArrivals } from './arrivals.ts';
import type { Arrival } from './options.ts';

export interface BaselineResult {
  attempts: number;
  successes: number;
  /** Successes per second, from the first statement sent to the last success. */
  perSecond: number;
  wallMs: number;
  /** `sold` after the run; must equal min(attempts, seats). */
  finalSold: number;
}

export interface BaselineInput {
  url: string;
  poolSize: number;
  attempts: number;
  seats: number;
  arrival: Arrival;
  inFlight: number;
}

/**
 * What the database alone can do for a rush: the cheapest correct "take one seat" is a single
 * conditional UPDATE in its own autocommit transaction (one row lock, one WAL flush). The app's
 * checkout does more, but the ratio shows how much of the database's ceiling it reaches.
 */
export async function measureBaseline(input: BaselineInput): Promise<BaselineResult> {
  const pool = new pg.Pool({ connectionString: input.url, max: input.poolSize });
  pool.on('error', () => undefined); // as the bench's check pool: see bench-database.ts
  try {
    await pool.query(
      'CREATE TABLE IF NOT EXISTS bench_stock (id int PRIMARY KEY, total int NOT NULL, sold int NOT NULL)',
    );
    await pool.query(
      `INSERT INTO bench_stock (id, total, sold) VALUES (1, $1, 0)
       ON CONFLICT (id) DO UPDATE SET total = excluded.total, sold = 0`,
      [input.seats],
    );
    // Open every connection before the clock starts, as the app's warm-up does.
    const clients = await Promise.all(Array.from({ length: input.poolSize }, () => pool.connect()));
    for (const client of clients) client.release();

    const successTimes: number[] = [];
    const startedAt = performance.now();
    const attempts = Array.from({ length: input.attempts }, () => async () => {
      const result = await pool.query(
        'UPDATE bench_stock SET sold = sold + 1 WHERE id = 1 AND sold < total',
      );
      if (result.rowCount === 1) successTimes.push(performance.now());
    });
    await runArrivals(attempts, input.arrival, input.inFlight);
    const wallMs = performance.now() - startedAt;
    const lastSuccess = successTimes.reduce((a, b) => Math.max(a, b), startedAt);
    const { rows } = await pool.query<{ sold: number }>(
      'SELECT sold FROM bench_stock WHERE id = 1',
    );
    const seconds = (lastSuccess - startedAt) / 1000;
    return {
      attempts: input.attempts,
      successes: successTimes.length,
      perSecond: seconds > 0 ? successTimes.length / seconds : 0,
      wallMs,
      finalSold: rows[0]?.sold ?? -1,
    };
  } finally {
    await pool.end();
  }
}
