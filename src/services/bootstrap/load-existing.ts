import type { Database } from '../../db/client.ts';
import type {
  Addon,
  AttendeeQuestion,
  Conference,
  ConferenceSection,
  DiscountCondition,
  Group,
  TicketType,
  Voucher,
} from '../../db/schema/index.ts';
import { linkStores } from './link-stores.ts';
import {
  addonStore,
  discountStore,
  groupStore,
  loadConference,
  questionStore,
  sectionStore,
  ticketStore,
  voucherStore,
} from './stores.ts';
import { LINK_TARGETS, type LinkName, type LinkTarget } from './types.ts';

/** Join sets of existing rows: owner id → target slugs, per join table. */
export type LinkState = Record<LinkName, ReadonlyMap<string, ReadonlySet<string>>>;

/** What the database already holds for the file's conference; all empty when it is new. */
export interface ExistingState {
  readonly conference: Conference | null;
  readonly sections: readonly ConferenceSection[];
  readonly tickets: readonly TicketType[];
  readonly addons: readonly Addon[];
  readonly groups: readonly Group[];
  readonly vouchers: readonly Voucher[];
  readonly discounts: readonly DiscountCondition[];
  readonly questions: readonly AttendeeQuestion[];
  readonly links: LinkState;
}

const LINK_NAMES = Object.keys(LINK_TARGETS) as LinkName[];

function emptyLinks(): LinkState {
  const none = (): ReadonlyMap<string, ReadonlySet<string>> => new Map();
  return {
    addonRequires: none(),
    voucherTickets: none(),
    voucherAddons: none(),
    discountTickets: none(),
    discountAddons: none(),
    discountGroups: none(),
    discountEnablingTickets: none(),
  };
}

async function loadLinks(
  db: Database,
  conferenceId: string,
  slugsById: Record<LinkTarget, ReadonlyMap<string, string>>,
): Promise<LinkState> {
  const state = emptyLinks();
  for (const name of LINK_NAMES) {
    const byOwner = new Map<string, Set<string>>();
    for (const row of await linkStores[name].load(db, conferenceId)) {
      const slug = slugsById[LINK_TARGETS[name]].get(row.targetId) ?? `#${row.targetId}`;
      const set = byOwner.get(row.ownerId) ?? new Set<string>();
      set.add(slug);
      byOwner.set(row.ownerId, set);
    }
    state[name] = byOwner;
  }
  return state;
}

const bySlug = (rows: readonly { id: string; slug: string }[]) =>
  new Map(rows.map((row) => [row.id, row.slug]));

export async function loadExisting(db: Database, slug: string): Promise<ExistingState> {
  const conference = await loadConference(db, slug);
  if (!conference)
    return {
      conference,
      sections: [],
      tickets: [],
      addons: [],
      groups: [],
      vouchers: [],
      discounts: [],
      questions: [],
      links: emptyLinks(),
    };
  const id = conference.id;
  const tickets = await ticketStore.load(db, id);
  const addons = await addonStore.load(db, id);
  const groups = await groupStore.load(db, id);
  const slugsById = { ticket: bySlug(tickets), addon: bySlug(addons), group: bySlug(groups) };
  return {
    conference,
    sections: await sectionStore.load(db, id),
    tickets,
    addons,
    groups,
    vouchers: await voucherStore.load(db, id),
    discounts: await discountStore.load(db, id),
    questions: await questionStore.load(db, id),
    links: await loadLinks(db, id, slugsById),
  };
}
