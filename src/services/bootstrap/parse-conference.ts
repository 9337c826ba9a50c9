import { z } from 'zod';
import { isValidTimeZone } from '../../domain/dates.ts';
import { minorUnitExponent } from '../../domain/money.ts';
import { parseFields, type Diagnostics, type Table } from './diagnostics.ts';
import { amount, calendarDate, count, flag, name, slug, text, type FileContext } from './fields.ts';
import { resolveSlug, type RawItem } from './lists.ts';
import type { ConferenceValues, ItemSpec, SectionValues } from './types.ts';

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const CURRENCY_MESSAGE = 'must be an ISO 4217 currency code such as "USD"';
const ZONE_MESSAGE = 'must be an IANA time zone such as "America/New_York"';

const currency = () =>
  z
    .string({ error: () => CURRENCY_MESSAGE })
    .trim()
    .toUpperCase()
    .refine((code) => KNOWN_CURRENCIES.has(code), CURRENCY_MESSAGE);

const timezone = () =>
  z
    .string({ error: (i) => (i.input === undefined ? 'is required' : ZONE_MESSAGE) })
    .trim()
    .refine(isValidTimeZone, ZONE_MESSAGE);

const websiteUrl = () =>
  text().refine((url) => url === '' || /^https?:\/\/\S+$/.test(url), 'must be an http(s) URL');

/**
 * Amounts and dates everywhere in the file depend on the conference currency and zone, so they
 * are read first. An invalid one is reported by the conference shape; reading goes on with the
 * defaults so every other problem is still found.
 */
export function readFileContext(raw: Table): FileContext {
  const parsedCurrency = currency().safeParse(raw.currency ?? 'USD');
  const parsedZone = timezone().safeParse(raw.timezone);
  const code = parsedCurrency.success ? parsedCurrency.data : 'USD';
  return {
    currency: code,
    exponent: minorUnitExponent(code),
    timezone: parsedZone.success ? parsedZone.data : 'UTC',
  };
}

const conferenceShape = (ctx: FileContext) => ({
  name: name(),
  slug: slug().optional(),
  start: calendarDate(),
  end: calendarDate(),
  timezone: timezone(),
  currency: currency().optional(),
  description: text().optional(),
  venue: text().optional(),
  address: text().optional(),
  website_url: websiteUrl().optional(),
  pretalx_event_slug: text().optional(),
  total_capacity: count().optional(),
  hold_minutes: count(1).optional(),
  cart_expiry_minutes: count(1).optional(),
  is_active: flag().optional(),
  revenue_budget: amount(ctx).optional(),
  target_attendance: count().optional(),
  grant_budget: amount(ctx).optional(),
});

/** `[conference]` scalars (BOOT-1, CONF-1); the lists are read by their own readers. */
export function readConference(
  scalars: Table,
  ctx: FileContext,
  diag: Diagnostics,
): ItemSpec<ConferenceValues> | undefined {
  const parsed = parseFields(conferenceShape(ctx), scalars, 'conference', diag);
  const c = parsed.value;
  if (c.start && c.end && c.start > c.end)
    diag.problem('conference.end', 'must not be before start');
  const key = resolveSlug(c.slug, c.name, 'conference', diag);
  if (!parsed.ok || key === undefined) return undefined;
  const v = parsed.value;
  const values: ConferenceValues = {
    slug: key,
    name: v.name,
    startDate: v.start,
    endDate: v.end,
    timezone: v.timezone,
    currency: ctx.currency,
    description: v.description,
    venue: v.venue,
    address: v.address,
    websiteUrl: v.website_url,
    pretalxEventSlug: v.pretalx_event_slug,
    totalCapacity: v.total_capacity,
    holdMinutes: v.hold_minutes,
    cartExpiryMinutes: v.cart_expiry_minutes,
    isActive: v.is_active,
    revenueBudget: v.revenue_budget,
    targetAttendance: v.target_attendance,
    grantBudget: v.grant_budget,
  };
  return { key, where: 'conference', values, links: [] };
}

const sectionShape = () => ({
  name: name(),
  slug: slug().optional(),
  start: calendarDate(),
  end: calendarDate(),
});

export function readSection(item: RawItem, diag: Diagnostics): ItemSpec<SectionValues> | undefined {
  const parsed = parseFields(sectionShape(), item.raw, item.where, diag);
  const s = parsed.value;
  if (s.start && s.end && s.start > s.end)
    diag.problem(`${item.where}.end`, 'must not be before start');
  const key = resolveSlug(s.slug, s.name, item.where, diag);
  if (!parsed.ok || key === undefined) return undefined;
  const v = parsed.value;
  const values: SectionValues = {
    name: v.name,
    slug: key,
    startDate: v.start,
    endDate: v.end,
    sortOrder: item.index,
  };
  return { key, where: item.where, values, links: [] };
}
