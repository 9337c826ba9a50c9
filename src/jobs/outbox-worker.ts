import type { Database } from '../db/client.ts';
import { isDomainError } from '../domain/errors.ts';
import {
  claimDueJobs,
  markJobDone,
  markJobFailed,
  markJobForRetry,
  type ClaimedJob,
} from '../services/outbox/index.ts';
import { OUTBOX_HANDLERS, PermanentJobError, type OutboxDeps } from './outbox-handlers.ts';
import { describeFailure, retryDelayMs } from './outbox-retry.ts';

export { OUTBOX_HANDLERS, PermanentJobError, type OutboxDeps } from './outbox-handlers.ts';

const DEFAULT_BATCH_SIZE = 10;
/**
 * How long a claim lasts before another worker may take the job over. It must outlive one
 * delivery (SMTP waits are bounded at 10 + 10 + 30 s); a worker that dies mid-job delays that job
 * by this much. Delivery is at least once: a crash between "sent" and "done" sends again.
 */
export const OUTBOX_LOCK_MS = 5 * 60_000;
const MAX_ROUNDS_PER_DRAIN = 1_000;

export interface DeliveryCounts {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

type Outcome = 'done' | 'retried' | 'failed';

/** Data that will not change (a malformed payload, an order that no longer exists) fails at once. */
function isPermanent(error: unknown): boolean {
  return error instanceof PermanentJobError || isDomainError(error);
}

async function deliverJob(
  db: Database,
  deps: OutboxDeps,
  job: ClaimedJob,
  now: Date,
): Promise<Outcome> {
  const handler = OUTBOX_HANDLERS.get(job.kind);
  if (!handler) {
    await markJobFailed(db, job, `unknown outbox kind "${job.kind}": no handler delivers it`, now);
    return 'failed';
  }
  // Only a job re-claimed from dead workers gets here: one that kills its worker must not loop forever.
  if (job.attempts > job.maxAttempts) {
    await markJobFailed(db, job, `gave up after ${job.maxAttempts} attempts`, now);
    return 'failed';
  }
  try {
    await handler(db, job, deps);
  } catch (error) {
    const lastError = describeFailure(error);
    if (isPermanent(error) || job.attempts >= job.maxAttempts) {
      await markJobFailed(db, job, lastError, now);
      return 'failed';
    }
    await markJobForRetry(db, job, lastError, new Date(now.getTime() + retryDelayMs(job.attempts)));
    return 'retried';
  }
  await markJobDone(db, job, now);
  return 'done';
}

/**
 * Claims one batch of due outbox jobs and delivers them after their transaction committed
 * (D4.3: remote calls never run inside one). Jobs of a batch run concurrently, so each finishes
 * well within its claim.
 */
export async function deliverDueOutbox(
  db: Database,
  deps: OutboxDeps,
  now: Date,
): Promise<DeliveryCounts> {
  const jobs = await claimDueJobs(db, now, deps.batchSize ?? DEFAULT_BATCH_SIZE, OUTBOX_LOCK_MS);
  const outcomes = await Promise.all(jobs.map((job) => deliverJob(db, deps, job, now)));
  return {
    claimed: jobs.length,
    done: outcomes.filter((o) => o === 'done').length,
    retried: outcomes.filter((o) => o === 'retried').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}

/**
 * Delivers batches until nothing is due at `now`. A retried job is due only later, so this ends;
 * tests call it instead of sleeping, and the scheduler calls it on every tick.
 */
export async function drainOutbox(
  db: Database,
  deps: OutboxDeps,
  now: Date,
): Promise<DeliveryCounts> {
  const total: DeliveryCounts = { claimed: 0, done: 0, retried: 0, failed: 0 };
  for (let round = 0; round < MAX_ROUNDS_PER_DRAIN; round += 1) {
    const counts = await deliverDueOutbox(db, deps, now);
    if (counts.claimed === 0) break;
    total.claimed += counts.claimed;
    total.done += counts.done;
    total.retried += counts.retried;
    total.failed += counts.failed;
  }
  return total;
}
