import type {
  Conference,
  NewAddon,
  NewAttendeeQuestion,
  NewConference,
  NewConferenceSection,
  NewDiscountCondition,
  NewGroup,
  NewTicketType,
  NewVoucher,
} from '../../db/schema/index.ts';
import type { Actor } from '../access/index.ts';

/** Columns a file may set on a row; ids, the owning conference and timestamps are ours. */
type Values<T> = Omit<T, 'id' | 'conferenceId' | 'createdAt' | 'updatedAt'>;

export type ConferenceValues = Pick<
  NewConference,
  | 'slug'
  | 'name'
  | 'startDate'
  | 'endDate'
  | 'timezone'
  | 'currency'
  | 'description'
  | 'venue'
  | 'address'
  | 'websiteUrl'
  | 'pretalxEventSlug'
  | 'totalCapacity'
  | 'holdMinutes'
  | 'cartExpiryMinutes'
  | 'isActive'
  | 'revenueBudget'
  | 'targetAttendance'
  | 'grantBudget'
> &
  // Always written: the file's amounts and dates were read in this currency and zone.
  Required<Pick<NewConference, 'timezone' | 'currency'>>;
export type SectionValues = Values<NewConferenceSection>;
export type TicketValues = Values<NewTicketType>;
export type AddonValues = Values<NewAddon>;
export type GroupValues = Values<NewGroup>;
export type VoucherValues = Values<NewVoucher>;
export type DiscountValues = Values<NewDiscountCondition>;
export type QuestionValues = Values<NewAttendeeQuestion>;

/** The join tables a file can fill; each names the kind of row its slugs point at. */
export type LinkName =
  | 'addonRequires'
  | 'voucherTickets'
  | 'voucherAddons'
  | 'discountTickets'
  | 'discountAddons'
  | 'discountGroups'
  | 'discountEnablingTickets';

export type LinkTarget = 'ticket' | 'addon' | 'group';

export const LINK_TARGETS: Record<LinkName, LinkTarget> = {
  addonRequires: 'ticket',
  voucherTickets: 'ticket',
  voucherAddons: 'addon',
  discountTickets: 'ticket',
  discountAddons: 'addon',
  discountGroups: 'group',
  discountEnablingTickets: 'ticket',
};

/** A set of slugs given in the file; present means "replace the set" (BOOT-7). */
export interface LinkSpec {
  readonly link: LinkName;
  /** Where the list sits in the file, for messages: `conference.addons[1] (lunch).requires`. */
  readonly where: string;
  readonly slugs: readonly string[];
}

/**
 * One item of the file after validation. `values` holds only keys the file sets (plus the
 * position): an absent key leaves the column alone on update and takes the default on create.
 */
export interface ItemSpec<V> {
  /** Match key on update: slug, voucher code, discount name or question key. */
  readonly key: string;
  /** `conference.tickets[2] (early-bird)`: names the item in messages. */
  readonly where: string;
  readonly values: V;
  readonly links: readonly LinkSpec[];
}

export interface BootstrapConfig {
  readonly conference: ItemSpec<ConferenceValues>;
  readonly sections: readonly ItemSpec<SectionValues>[];
  readonly tickets: readonly ItemSpec<TicketValues>[];
  readonly addons: readonly ItemSpec<AddonValues>[];
  readonly groups: readonly ItemSpec<GroupValues>[];
  readonly vouchers: readonly ItemSpec<VoucherValues>[];
  readonly discounts: readonly ItemSpec<DiscountValues>[];
  readonly questions: readonly ItemSpec<QuestionValues>[];
  /** Non-fatal remarks from reading the file: skipped sponsor levels, ignored unknown keys. */
  readonly notices: readonly string[];
}

export type BootstrapKind =
  | 'conference'
  | 'sections'
  | 'tickets'
  | 'addons'
  | 'groups'
  | 'vouchers'
  | 'discounts'
  | 'questions';

export const BOOTSTRAP_KINDS: readonly BootstrapKind[] = [
  'conference',
  'sections',
  'tickets',
  'addons',
  'groups',
  'vouchers',
  'discounts',
  'questions',
];

export type Change = 'created' | 'updated' | 'unchanged';

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ItemChange {
  readonly kind: BootstrapKind;
  readonly key: string;
  readonly change: Exclude<Change, 'unchanged'>;
  /** Changed columns and join sets of an update; empty for a creation. */
  readonly fields: readonly string[];
}

export interface BootstrapResult {
  readonly slug: string;
  /** The conference row after the run; on a dry run, the existing row or null when it is new. */
  readonly conference: Conference | null;
  readonly dryRun: boolean;
  readonly counts: Readonly<Record<BootstrapKind, KindCounts>>;
  readonly changes: readonly ItemChange[];
  readonly notices: readonly string[];
}

export interface ApplyOptions {
  readonly update: boolean;
  readonly dryRun: boolean;
  readonly now: Date;
  /** Who applies it (the operator, or Lanyard itself for the first-run example): D6.4. */
  readonly actor: Actor;
}
