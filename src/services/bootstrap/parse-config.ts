import { parse as parseToml, TomlError } from 'smol-toml';
import { Diagnostics, isTable, tomlTypeName, type Table } from './diagnostics.ts';
import type { FileContext } from './fields.ts';
import { readList, reportDuplicates, slugLabel, stringLabel, type RawItem } from './lists.ts';
import { readAddon, readGroup, readQuestion, readTicket } from './parse-catalog.ts';
import { readConference, readFileContext, readSection } from './parse-conference.ts';
import { readDiscount, readVoucher } from './parse-offers.ts';
import { BootstrapConfigError } from './errors.ts';
import { quoteList } from './slugs.ts';
import type { BootstrapConfig, ItemSpec, LinkTarget } from './types.ts';

const LIST_KEYS = [
  'sections',
  'tickets',
  'addons',
  'groups',
  'vouchers',
  'discounts',
  'questions',
  'sponsor_levels',
] as const;

function readDocument(text: string): Table {
  try {
    return parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // The parser's first line is the reason; its code block is shown by line/column instead.
    const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    throw new BootstrapConfigError([
      `invalid TOML at line ${error.line}, column ${error.column}: ${reason}`,
    ]);
  }
}

function readConferenceTable(doc: Table, diag: Diagnostics): Table {
  for (const key of Object.keys(doc))
    if (key !== 'conference') diag.notice(`${key}: unknown top-level key, ignored`);
  const conference = doc.conference;
  if (conference === undefined)
    throw new BootstrapConfigError(['conference: is required (a [conference] table)']);
  if (!isTable(conference))
    throw new BootstrapConfigError([
      `conference: must be a table, got ${tomlTypeName(conference)}`,
    ]);
  return conference;
}

function readItems<T>(
  items: readonly RawItem[],
  read: (item: RawItem) => ItemSpec<T> | undefined,
): ItemSpec<T>[] {
  return items.flatMap((item) => read(item) ?? []);
}

type Known = Record<LinkTarget, ReadonlySet<string>>;

/** The slug lists of each list's items and the kind of row they name. */
const REFERENCE_KEYS: Record<'addons' | 'vouchers' | 'discounts', Record<string, LinkTarget>> = {
  addons: { requires: 'ticket' },
  vouchers: { tickets: 'ticket', addons: 'addon' },
  discounts: { tickets: 'ticket', addons: 'addon', enabling_tickets: 'ticket' },
};

/**
 * Ticket and add-on slugs must name items of the same file (BOOT-7: tickets are processed before
 * the add-ons that require them). Read from the raw tables, so a reference is checked even when
 * its item has other problems. Group slugs may name groups already in the database, so those are
 * checked when applying.
 */
function checkReferences(lists: RawLists, known: Known, diag: Diagnostics): void {
  for (const [list, keys] of Object.entries(REFERENCE_KEYS) as [
    keyof typeof REFERENCE_KEYS,
    Record<string, LinkTarget>,
  ][])
    for (const item of lists[list])
      for (const [key, target] of Object.entries(keys)) {
        const slugs = item.raw[key];
        if (!Array.isArray(slugs)) continue;
        const named = slugs.flatMap((s: unknown) => (typeof s === 'string' ? [s.trim()] : []));
        const unknown = [...new Set(named.filter((slug) => !known[target].has(slug)))].sort();
        if (unknown.length > 0)
          diag.problem(
            `${item.where}.${key}`,
            `unknown ${target} slug${unknown.length > 1 ? 's' : ''} ${quoteList(unknown)}`,
          );
      }
}

function labelsOf(items: readonly RawItem[]): ReadonlySet<string> {
  return new Set(items.flatMap((item) => (item.label === undefined ? [] : [item.label])));
}

interface RawLists {
  sections: RawItem[];
  tickets: RawItem[];
  addons: RawItem[];
  groups: RawItem[];
  vouchers: RawItem[];
  discounts: RawItem[];
  questions: RawItem[];
}

function readRawLists(conference: Table, diag: Diagnostics): RawLists {
  const lists: RawLists = {
    sections: readList(conference, 'sections', slugLabel, diag),
    tickets: readList(conference, 'tickets', slugLabel, diag),
    addons: readList(conference, 'addons', slugLabel, diag),
    groups: readList(conference, 'groups', slugLabel, diag),
    vouchers: readList(
      conference,
      'vouchers',
      stringLabel('code', (c) => c.trim().toUpperCase()),
      diag,
    ),
    discounts: readList(conference, 'discounts', stringLabel('name'), diag),
    questions: readList(conference, 'questions', stringLabel('key'), diag),
  };
  if (
    conference.sections === undefined ||
    (Array.isArray(conference.sections) && conference.sections.length === 0)
  )
    diag.problem('conference.sections', 'at least one [[conference.sections]] is required');
  reportDuplicates(lists.sections, 'sections', 'slugs', diag);
  reportDuplicates(lists.tickets, 'tickets', 'slugs', diag);
  reportDuplicates(lists.addons, 'addons', 'slugs', diag);
  reportDuplicates(lists.groups, 'groups', 'slugs', diag);
  reportDuplicates(lists.vouchers, 'vouchers', 'codes', diag);
  reportDuplicates(lists.discounts, 'discounts', 'names', diag);
  reportDuplicates(lists.questions, 'questions', 'keys', diag);
  return lists;
}

function noteSponsorLevels(conference: Table, diag: Diagnostics): void {
  const levels = conference.sponsor_levels;
  if (levels === undefined) return;
  const count = Array.isArray(levels) ? levels.length : 1;
  // BOOT-1: sponsor levels belong to the sponsors module, not to registration.
  diag.notice(
    `conference.sponsor_levels: ${count} sponsor level(s) skipped; sponsors are not set up by this command`,
  );
}

function readSpecs(lists: RawLists, ctx: FileContext, diag: Diagnostics) {
  return {
    sections: readItems(lists.sections, (i) => readSection(i, diag)),
    tickets: readItems(lists.tickets, (i) => readTicket(i, ctx, diag)),
    addons: readItems(lists.addons, (i) => readAddon(i, ctx, diag)),
    groups: readItems(lists.groups, (i) => readGroup(i, diag)),
    vouchers: readItems(lists.vouchers, (i) => readVoucher(i, ctx, diag)),
    discounts: readItems(lists.discounts, (i) => readDiscount(i, ctx, diag)),
    questions: readItems(lists.questions, (i) => readQuestion(i, diag)),
  };
}

/**
 * Reads and validates a bootstrap file without touching the database (BOOT-6). Every problem of
 * the file is collected and thrown together as a BootstrapConfigError.
 */
export function parseBootstrapConfig(text: string): BootstrapConfig {
  const diag = new Diagnostics();
  const conference = readConferenceTable(readDocument(text), diag);
  const ctx = readFileContext(conference);
  const scalars = Object.fromEntries(
    Object.entries(conference).filter(([key]) => !(LIST_KEYS as readonly string[]).includes(key)),
  );
  const conferenceSpec = readConference(scalars, ctx, diag);
  const lists = readRawLists(conference, diag);
  noteSponsorLevels(conference, diag);
  const specs = readSpecs(lists, ctx, diag);
  const known: Known = {
    ticket: labelsOf(lists.tickets),
    addon: labelsOf(lists.addons),
    group: labelsOf(lists.groups),
  };
  checkReferences(lists, known, diag);
  if (diag.problems.length > 0 || !conferenceSpec) throw new BootstrapConfigError(diag.problems);
  return { conference: conferenceSpec, ...specs, notices: diag.notices };
}
