import { DateTime } from 'luxon';
import { TomlDate } from 'smol-toml';
import { z } from 'zod';
import { endOfDayIn, startOfDayIn } from '../../domain/dates.ts';
import { toBasisPoints, toMinorUnits } from '../../domain/amounts.ts';
import { MAX_COUNT, NAME_MAX_LENGTH } from '../../domain/offer-rules.ts';
import { isWindowOrdered } from '../../domain/pricing/index.ts';
import { isTable } from './diagnostics.ts';
import { isSlug } from './slugs.ts';

// Field schemas with messages written for the organiser editing the file. Each one names what
// it expects; the key and the item are prefixed by parseFields.

/** What the file's amounts and dates are read against: the conference's currency and zone. */
export interface FileContext {
  readonly currency: string;
  readonly exponent: number;
  readonly timezone: string;
}

const expecting = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`,
});

export const text = () => z.string(expecting('a string'));

export const name = () =>
  z
    .string(expecting('a string'))
    .trim()
    .min(1, 'must not be empty')
    .max(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`);

export const flag = () => z.boolean(expecting('true or false'));

export const count = (min = 0) => {
  const message = `must be a whole number ≥ ${min}`;
  return z
    .number(expecting(`a whole number ≥ ${min}`))
    .int(message)
    .min(min, message)
    .max(MAX_COUNT, `must be at most ${MAX_COUNT}`);
};

export const integer = () => z.number(expecting('a whole number')).int('must be a whole number');

export const slug = (example = 'early-bird') =>
  z
    .string(expecting('a string'))
    .trim()
    .refine(isSlug, `must look like "${example}" (lower-case letters, digits, - and _)`);

export const slugList = () =>
  z.array(
    z.string(expecting('a slug string')).trim(),
    expecting('a list of slugs such as ["a", "b"]'),
  );

function amountMessage(ctx: FileContext): string {
  return ctx.exponent === 0
    ? `must be a non-negative whole amount (${ctx.currency} has no decimals)`
    : `must be a non-negative amount with at most ${ctx.exponent} decimals`;
}

/** Major units in the file ("449.50", 449.5) → exact integer minor units (D1.1, fixes BOOT-8). */
export const amount = (ctx: FileContext) =>
  z.unknown().transform((input, issues) => {
    const minor = input === undefined ? undefined : toMinorUnits(input, ctx.exponent);
    if (minor !== undefined) return minor;
    const message = input === undefined ? 'is required' : amountMessage(ctx);
    issues.addIssue({ code: 'custom', message, input });
    return z.NEVER;
  });

export const PERCENT_MESSAGE = 'must be a percentage from 0 to 100 with at most 2 decimals';

/** 0–100 with up to 2 decimals → basis points (D3.5). */
export const percentage = () =>
  z.unknown().transform((input, issues) => {
    const bp = input === undefined ? undefined : toBasisPoints(input);
    if (bp !== undefined) return bp;
    const message = input === undefined ? 'is required' : PERCENT_MESSAGE;
    issues.addIssue({ code: 'custom', message, input });
    return z.NEVER;
  });

const DATE_MESSAGE = 'must be a TOML date such as 2027-05-12 (not quoted)';

/** A calendar date as 'YYYY-MM-DD' (conference and section days). */
export const calendarDate = () =>
  z.unknown().transform((input, issues) => {
    if (input instanceof TomlDate && input.isDate()) return input.toISOString();
    const message = input === undefined ? 'is required' : DATE_MESSAGE;
    issues.addIssue({ code: 'custom', message, input });
    return z.NEVER;
  });

export type Edge = 'start' | 'end';

/**
 * A date means the whole day in the conference zone: 00:00:00 for a start, 23:59:59 for an end
 * (BOOT-4, windows are inclusive, C-2). A local date-time is read in the conference zone; one
 * with an offset is an exact instant.
 */
function toInstant(value: TomlDate, zone: string, edge: Edge): Date | undefined {
  if (value.isDate()) {
    const day = value.toISOString();
    return edge === 'start' ? startOfDayIn(day, zone) : endOfDayIn(day, zone);
  }
  if (!value.isDateTime()) return undefined;
  if (value.isLocal()) return DateTime.fromISO(value.toISOString(), { zone }).toJSDate();
  return new Date(value.getTime());
}

export const moment = (ctx: FileContext, edge: Edge) =>
  z.unknown().transform((input, issues) => {
    const at = input instanceof TomlDate ? toInstant(input, ctx.timezone, edge) : undefined;
    if (at) return at;
    issues.addIssue({
      code: 'custom',
      message: 'must be a TOML date (2027-01-31) or date-time (2027-01-31T12:00:00)',
      input,
    });
    return z.NEVER;
  });

const WINDOW_MESSAGE = 'must be a table such as { opens = 2026-11-01, closes = 2027-05-20 }';

/** BOOT-2 `available = { opens, closes }`; either end may be omitted independently (BOOT-4). */
export const window = (ctx: FileContext) =>
  z
    .custom<Record<string, unknown>>(isTable, WINDOW_MESSAGE)
    .pipe(
      z.strictObject(
        { opens: moment(ctx, 'start').optional(), closes: moment(ctx, 'end').optional() },
        { error: () => 'only opens and closes are allowed here' },
      ),
    )
    .refine((w) => isWindowOrdered(w.opens, w.closes), {
      message: 'must not be before opens',
      path: ['closes'],
    });
