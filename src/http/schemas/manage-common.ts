import { z } from 'zod';
import { MAX_COUNT, MAX_PERCENT, NAME_MAX_LENGTH, PERCENT_STEP } from '../../domain/offer-rules.ts';
import { errorResponse } from './common.ts';

/** Minor units of the conference currency (D1.1); never negative (D3.5). */
export const moneyInput = z
  .number()
  .int('must be a whole number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER);

/** Stored as basis points: 0–100 % with at most two decimals (D3.5). */
export const percentInput = z
  .number()
  .min(0, `must be between 0 and ${MAX_PERCENT}`)
  .max(MAX_PERCENT, `must be between 0 and ${MAX_PERCENT}`)
  .multipleOf(PERCENT_STEP, 'may have at most two decimals')
  .describe('Percent off, 0–100, up to two decimals');

/** Counts and limits fit a PostgreSQL integer. */
export const countInput = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(MAX_COUNT);

// PostgreSQL refuses year 0 and the ISO format cannot carry years past 9999 unsigned.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const dateTimeInput = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST, {
    message: 'must be between the years 1900 and 9999',
  });

/** Free text PostgreSQL can store: a NUL character is refused by every text column. */
export function textInput(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
}

/** A name of something an organiser defines: trimmed, not empty. */
export const nameInput = textInput(NAME_MAX_LENGTH).trim().min(1, 'must not be empty');

/** `:slug/manage/<resource>`; NUL is refused here because PostgreSQL would fail on it. */
export const manageSlugParams = z.object({ slug: textInput(200).min(1) });

/** `:slug/manage/<resource>/:id` — a malformed id is a 400, an unknown one a 404. */
export const manageIdParams = z.object({
  slug: textInput(200).min(1),
  id: z.uuid('must be a UUID'),
});

export const idList = z.array(z.uuid('must be a UUID')).max(1_000);

/** PATCH bodies: every field optional, unknown fields refused, and at least one field given. */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  return z
    .strictObject(shape)
    .partial()
    .refine((body) => Object.values(body).some((value) => value !== undefined), {
      message: 'send at least one field to change',
    });
}

/** Failures every organiser endpoint can answer with; routes add 409/422 where they apply. */
export const manageFailures = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
} as const;
