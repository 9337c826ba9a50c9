import type { Database } from '../db/client.ts';
import { purgeExpiredSessions } from '../services/accounts/index.ts';
import { expireHolds } from '../services/orders/index.ts';
import { purgeExpiredCounters } from '../services/rate-limits/index.ts';
import type { PaymentGateways } from '../integrations/payments/index.ts';
import { cancelAbandonedIntents } from '../services/payments/index.ts';
import { resendPendingCardRefunds } from '../services/refunds/index.ts';
import { drainOutbox, type OutboxDeps } from './outbox-worker.ts';

export interface ScheduledTask {
  name: string;
  everyMs: number;
  run(db: Database, now: Date): Promise<unknown>;
}

/** What tasks need beyond the database and the clock; built once by the CLI. */
export interface JobDeps {
  outbox: OutboxDeps;
  stripe: PaymentGateways;
}

/** Every process runs the same tasks; they claim work with SKIP LOCKED, so that is safe (ARCHITECTURE). */
export function scheduledTasks(deps: JobDeps): readonly ScheduledTask[] {
  return [
    { name: 'expire-holds', everyMs: 30_000, run: expireHolds },
    { name: 'purge-sessions', everyMs: 3_600_000, run: purgeExpiredSessions },
    { name: 'purge-rate-limits', everyMs: 3_600_000, run: purgeExpiredCounters },
    { name: 'deliver-outbox', everyMs: 2_000, run: (db, now) => drainOutbox(db, deps.outbox, now) },
    {
      name: 'cancel-abandoned-intents',
      everyMs: 60_000,
      run: (db, now) => cancelAbandonedIntents(db, deps.stripe, now),
    },
    {
      name: 'resend-card-refunds',
      everyMs: 60_000,
      run: (db, now) => resendPendingCardRefunds(db, deps.stripe, now),
    },
  ];
}

export interface Scheduler {
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  now: () => Date;
  onError: (task: string, error: unknown) => void;
}

/** Runs each task on its interval, never two runs of one task at once, and waits for them on stop. */
export function startScheduler(
  db: Database,
  options: SchedulerOptions,
  tasks: readonly ScheduledTask[],
): Scheduler {
  const running = new Map<string, Promise<void>>();
  const timers = tasks.map((task) =>
    setInterval(() => {
      if (running.has(task.name)) return;
      const run = task
        .run(db, options.now())
        .then(() => undefined)
        .catch((error: unknown) => options.onError(task.name, error))
        .finally(() => running.delete(task.name));
      running.set(task.name, run);
    }, task.everyMs).unref(),
  );
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
