import pg from 'pg';
import { BENCH_APPLICATION_NAME } from './bench-database.ts';
import { tally } from './stats.ts';

export interface ActivityProfile {
  samples: number;
  /** Average number of the bench database's backends in each state while sampling. */
  byState: Array<[string, number]>;
  /** Average backends per statement while waiting on a lock or running. */
  byStatement: Array<[string, number]>;
}

/** What a backend is doing, in words that point at the cause. */
function stateOf(row: {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
}): string {
  if (row.state === 'idle in transaction') return 'idle in transaction (waiting for the app)';
  if (row.state === 'idle') return 'idle (in a server pool)';
  if (row.wait_event_type === 'Lock') return `waiting on lock: ${row.wait_event ?? '?'}`;
  if (row.wait_event_type)
    return `${row.state ?? '?'}: ${row.wait_event_type}/${row.wait_event ?? '?'}`;
  return `${row.state ?? '?'}: on CPU`;
}

/** `[lock]` waiting for a lock, `[run]` executing, `[idle tx after]` last statement of an idle transaction. */
function tagOf(rawState: string, state: string): string {
  if (state.startsWith('waiting on lock')) return '[lock] ';
  return rawState === 'active' ? '[run] ' : '[idle tx after] ';
}

function statementOf(query: string): string {
  return query.replace(/\s+/g, ' ').trim().slice(0, 90);
}

/**
 * Samples pg_stat_activity of one database every `intervalMs` until stopped: a cheap profile of
 * where PostgreSQL's connections spend the rush (lock waits, waiting on the app, WAL flushes).
 */
export function sampleActivity(url: string, intervalMs: number) {
  const client = new pg.Client({ connectionString: url });
  const states: string[] = [];
  const statements: string[] = [];
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{
        state: string | null;
        wait_event_type: string | null;
        wait_event: string | null;
        query: string;
      }>(
        `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend'
            AND application_name <> $1`,
        [BENCH_APPLICATION_NAME],
      );
      samples += 1;
      for (const row of rows) {
        const state = stateOf(row);
        states.push(state);
        if (row.state === 'active' || row.state === 'idle in transaction')
          statements.push(`${tagOf(row.state, state)}${statementOf(row.query)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })()
    // Profiling must never take the benchmark down: a failed sampler reports what it saw.
    .catch((error: unknown) => {
      states.push(`sampler failed: ${error instanceof Error ? error.message : String(error)}`);
    })
    .finally(() => client.end().catch(() => undefined));
  const average = (entries: Array<[string, number]>) =>
    entries.map(([k, n]): [string, number] => [k, samples > 0 ? n / samples : 0]);
  return {
    async stop(): Promise<ActivityProfile> {
      running = false;
      await loop;
      return {
        samples,
        byState: average(tally(states)),
        byStatement: average(tally(statements)).slice(0, 15),
      };
    },
  };
}

export function renderActivity(profile: ActivityProfile): string {
  const line = ([k, n]: [string, number]) => `    ${n.toFixed(2).padStart(6)}  ${k}`;
  return [
    `  pg_stat_activity, ${profile.samples} samples (average backends):`,
    ...profile.byState.map(line),
    '  top statements:',
    ...profile.byStatement.map(line),
  ].join('\n');
}
