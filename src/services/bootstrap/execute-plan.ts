import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import { linkStores } from './link-stores.ts';
import type { ExistingState } from './load-existing.ts';
import type { BootstrapPlan, PlannedItem } from './plan.ts';
import {
  addonStore,
  discountStore,
  groupStore,
  insertConference,
  questionStore,
  sectionStore,
  ticketStore,
  updateConference,
  voucherStore,
  type RowStore,
} from './stores.ts';
import { LINK_TARGETS, type ConferenceValues, type LinkTarget } from './types.ts';

async function writeConference(
  db: Database,
  plan: PlannedItem<ConferenceValues>,
  existing: Conference | null,
  now: Date,
): Promise<Conference> {
  if (!existing) return insertConference(db, plan.spec.values, now);
  if (plan.change === 'unchanged') return existing;
  return updateConference(db, existing.id, plan.patch, now);
}

/** Inserts new rows, updates changed ones; returns key → id for every planned item. */
async function writeItems<Row extends { id: string }, V>(
  db: Database,
  store: RowStore<Row, V>,
  items: readonly PlannedItem<V>[],
  conferenceId: string,
  now: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const item of items) {
    if (item.existingId === null) {
      const row = await store.insert(db, conferenceId, item.spec.values, now);
      ids.set(item.spec.key, row.id);
      continue;
    }
    // A changed join set alone still marks the owner as updated.
    if (item.change === 'updated') await store.update(db, item.existingId, item.patch, now);
    ids.set(item.spec.key, item.existingId);
  }
  return ids;
}

type IdsBySlug = Record<LinkTarget, ReadonlyMap<string, string>>;

async function writeLinks(
  db: Database,
  conferenceId: string,
  owners: ReadonlyMap<string, string>,
  items: readonly PlannedItem<unknown>[],
  targets: IdsBySlug,
): Promise<void> {
  for (const item of items)
    for (const link of item.links) {
      const ownerId = owners.get(item.spec.key);
      const ids = link.slugs.map((slug) => targets[LINK_TARGETS[link.link]].get(slug));
      // References were checked before the transaction wrote anything; this is a broken invariant.
      if (!ownerId || ids.some((id) => id === undefined))
        throw new Error(`unresolved reference in ${link.where}`);
      await linkStores[link.link].replace(
        db,
        conferenceId,
        ownerId,
        ids.filter((id) => id !== undefined),
      );
    }
}

function withExisting(
  rows: readonly { id: string; slug: string }[],
  written: ReadonlyMap<string, string>,
): Map<string, string> {
  return new Map([...rows.map((row): [string, string] => [row.slug, row.id]), ...written]);
}

/** Applies a plan inside the caller's transaction; parents before the rows that point at them. */
export async function executePlan(
  db: Database,
  plan: BootstrapPlan,
  existing: ExistingState,
  now: Date,
): Promise<Conference> {
  const conference = await writeConference(db, plan.conference, existing.conference, now);
  const id = conference.id;
  await writeItems(db, sectionStore, plan.sections, id, now);
  const tickets = await writeItems(db, ticketStore, plan.tickets, id, now);
  const addons = await writeItems(db, addonStore, plan.addons, id, now);
  const groups = await writeItems(db, groupStore, plan.groups, id, now);
  const vouchers = await writeItems(db, voucherStore, plan.vouchers, id, now);
  const discounts = await writeItems(db, discountStore, plan.discounts, id, now);
  await writeItems(db, questionStore, plan.questions, id, now);
  const targets: IdsBySlug = {
    ticket: withExisting(existing.tickets, tickets),
    addon: withExisting(existing.addons, addons),
    group: withExisting(existing.groups, groups),
  };
  await writeLinks(db, id, addons, plan.addons, targets);
  await writeLinks(db, id, vouchers, plan.vouchers, targets);
  await writeLinks(db, id, discounts, plan.discounts, targets);
  return conference;
}
