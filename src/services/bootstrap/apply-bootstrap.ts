import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { recordAudit } from '../access/index.ts';
import { Diagnostics } from './diagnostics.ts';
import { BootstrapConfigError, bootstrapErrors } from './errors.ts';
import { executePlan } from './execute-plan.ts';
import { loadExisting } from './load-existing.ts';
import { pastWindowNotices } from './notices.ts';
import { planBootstrap, type BootstrapPlan, type PlannedItem } from './plan.ts';
import {
  BOOTSTRAP_KINDS,
  type ApplyOptions,
  type BootstrapConfig,
  type BootstrapKind,
  type BootstrapResult,
  type ItemChange,
  type KindCounts,
} from './types.ts';

/**
 * Two bootstraps running at once would both plan against the same snapshot and then collide on
 * unique keys; serialising them makes the second see the first's rows and plan against those.
 */
export async function lockBootstrap(tx: Database): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('lanyard:bootstrap', 0))`);
}

function itemsOf(plan: BootstrapPlan, kind: BootstrapKind): readonly PlannedItem<unknown>[] {
  return kind === 'conference' ? [plan.conference] : plan[kind];
}

function summarize(plan: BootstrapPlan): {
  counts: Record<BootstrapKind, KindCounts>;
  changes: ItemChange[];
} {
  const counts = {} as Record<BootstrapKind, KindCounts>;
  const changes: ItemChange[] = [];
  for (const kind of BOOTSTRAP_KINDS) {
    const tally: KindCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const item of itemsOf(plan, kind)) {
      tally[item.change] += 1;
      if (item.change !== 'unchanged')
        changes.push({ kind, key: item.spec.key, change: item.change, fields: item.fields });
    }
    counts[kind] = tally;
  }
  return { counts, changes };
}

/**
 * Creates or updates a conference and its sales setup from a validated file, in one transaction
 * (BOOT-7). Rows are matched by slug, code, name or key; only differing columns are written, so
 * a second identical run changes nothing. A dry run plans the same way and writes nothing.
 */
export function applyBootstrap(
  db: Database,
  config: BootstrapConfig,
  options: ApplyOptions,
): Promise<BootstrapResult> {
  const slug = config.conference.key;
  return withTx(db, async (tx) => {
    await lockBootstrap(tx);
    const existing = await loadExisting(tx, slug);
    if (existing.conference && !options.update)
      throw bootstrapErrors(
        'BOOTSTRAP_CONFERENCE_EXISTS',
        { slug },
        `conference ${slug} already exists; use --update`,
      );
    const diag = new Diagnostics();
    const plan = planBootstrap(config, existing, diag);
    if (diag.problems.length > 0) throw new BootstrapConfigError(diag.problems);
    const conference: Conference | null = options.dryRun
      ? existing.conference
      : await executePlan(tx, plan, existing, options.now);
    const notices = [...config.notices, ...diag.notices, ...pastWindowNotices(config, options.now)];
    const summary = summarize(plan);
    // D6.4: one entry per applied plan that changed something, in the plan's own transaction.
    if (conference && !options.dryRun && summary.changes.length > 0)
      await recordAudit(tx, {
        conferenceId: conference.id,
        actor: options.actor,
        action: 'bootstrap.apply',
        entityType: 'conference',
        entityId: conference.id,
        details: { changes: summary.changes.length, counts: summary.counts },
        now: options.now,
      });
    return { slug, conference, dryRun: options.dryRun, ...summary, notices };
  });
}
