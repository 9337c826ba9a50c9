import { getConferenceBySlugOrThrow } from '../services/conferences/index.ts';
import { findMoneyDrift } from '../services/doctor/index.ts';
import { reconcileStripeEvents, replayStripeEvent } from '../services/stripe-webhooks/index.ts';
import { CliError } from './cli-error.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { configuredAccountsOf } from './stripe-accounts.ts';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `3d`, `12h`, `30m` → milliseconds. */
export function parseSince(text: string): number {
  const match = /^(\d{1,4})([mhd])$/.exec(text.trim());
  const unit = match ? UNIT_MS[match[2] ?? ''] : undefined;
  if (!match || unit === undefined)
    throw new CliError(`--since must look like 30m, 12h or 3d (got "${text}")`);
  return Number(match[1]) * unit;
}

async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await openRuntime();
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** `lanyard doctor`: payments minus refunds against every order's status and totals. */
export function doctorCommand(options: { conference?: string }): Promise<void> {
  return withRuntime(async (runtime) => {
    const db = runtime.database.db;
    const conference = options.conference
      ? await getConferenceBySlugOrThrow(db, options.conference)
      : undefined;
    const findings = await findMoneyDrift(db, new Date(), conference?.id);
    if (findings.length === 0) {
      console.log('No money drift: every order’s payments and refunds match its status.');
      return;
    }
    for (const f of findings)
      console.log(`${f.conference} ${f.reference} [${f.status}] ${f.kind}: ${f.message}`);
    console.log(`${findings.length} finding(s).`);
    process.exitCode = 1;
  });
}

export function stripeReplayCommand(eventId: string): Promise<void> {
  return withRuntime(async (runtime) => {
    const results = await replayStripeEvent(
      runtime.database.db,
      configuredAccountsOf(runtime),
      eventId,
      new Date(),
    );
    for (const r of results) console.log(`${eventId} (${r.conference}): ${r.result}`);
  });
}

export function stripeReconcileCommand(options: {
  conference: string;
  since: string;
}): Promise<void> {
  const windowMs = parseSince(options.since);
  return withRuntime(async (runtime) => {
    const db = runtime.database.db;
    const conference = await getConferenceBySlugOrThrow(db, options.conference);
    const now = new Date();
    const report = await reconcileStripeEvents(
      db,
      configuredAccountsOf(runtime),
      conference,
      new Date(now.getTime() - windowMs),
      now,
    );
    console.log(
      `Stripe events since ${options.since}: ${report.listed} listed, ${report.processed} newly processed, ${report.failed} failed.`,
    );
    if (report.failed > 0) process.exitCode = 1;
  });
}
