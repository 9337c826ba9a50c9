import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { outbox } from '../../db/schema/index.ts';

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  /** Including the attempt now starting. */
  attempts: number;
  maxAttempts: number;
}

/**
 * One statement claims due work for this worker: pending jobs whose time has come, and running
 * jobs whose lock ran out (their worker died). SKIP LOCKED lets every process claim at once without
 * two of them taking the same row; MATERIALIZED keeps the locking subquery from being re-run.
 */
export async function claimDueJobs(
  db: Database,
  now: Date,
  limit: number,
  lockMs: number,
): Promise<ClaimedJob[]> {
  const at = now.toISOString();
  const lockedUntil = new Date(now.getTime() + lockMs).toISOString();
  const rows = await queryRows<{
    id: string;
    kind: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }>(
    db,
    sql`WITH due AS MATERIALIZED (
          SELECT id FROM ${outbox}
          WHERE (status = 'pending' AND run_after <= ${at}::timestamptz)
             OR (status = 'running' AND locked_until <= ${at}::timestamptz)
          ORDER BY run_after
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE ${outbox} AS o
        SET status = 'running', locked_until = ${lockedUntil}::timestamptz, attempts = o.attempts + 1
        FROM due WHERE o.id = due.id
        RETURNING o.id, o.kind, o.payload, o.attempts, o.max_attempts`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
  }));
}

// Outcomes are written only while this worker still holds the claim: if its lock ran out and
// another worker re-claimed the job, attempts moved on and this update touches nothing.
const stillOurs = (job: ClaimedJob) =>
  and(eq(outbox.id, job.id), eq(outbox.status, 'running'), eq(outbox.attempts, job.attempts));

export async function markJobDone(db: Database, job: ClaimedJob, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'done', finishedAt: now, lockedUntil: null })
    .where(stillOurs(job));
}

export async function markJobForRetry(
  db: Database,
  job: ClaimedJob,
  lastError: string,
  runAfter: Date,
): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'pending', runAfter, lockedUntil: null, lastError })
    .where(stillOurs(job));
}

export async function markJobFailed(
  db: Database,
  job: ClaimedJob,
  lastError: string,
  now: Date,
): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'failed', finishedAt: now, lockedUntil: null, lastError })
    .where(stillOurs(job));
}
