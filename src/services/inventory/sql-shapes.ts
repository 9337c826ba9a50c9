import { z } from 'zod';
import type { CountName } from '../../domain/stock-rules.ts';

/**
 * Every JSON shape that crosses between TypeScript and the database functions of
 * src/db/functions, defined once. What SQL answers is parsed with these schemas; what TypeScript
 * sends is typed by them; test/integration/sql-contract.test.ts checks that the keys the SQL
 * reads and builds are exactly the keys declared here, and round-trips through the real functions.
 */

/** A count as PostgreSQL sums it: `bigint`/`numeric` come back as JSON numbers or strings. */
const units = z.union([z.number(), z.string()]);
const unitsById = z.record(z.string(), units).nullable();

/** `lanyard_cart_counts`: what a consumption counts, by product, buyer holding or condition. */
export const countsShape = z.object({
  tickets: unitsById,
  addons: unitsById,
  venue: units.nullable(),
  held: unitsById,
  voucher_uses: units.nullable(),
  condition_units: unitsById,
});
export type CountsJson = z.infer<typeof countsShape>;

/**
 * Where each count sits in the counts JSON: a `CountBound` names a count, the database finds it
 * by this path. Typed against `countsShape`, so a renamed key fails the type check.
 */
export const COUNT_PATHS: Readonly<Record<CountName, keyof CountsJson>> = {
  ticketSold: 'tickets',
  addonSold: 'addons',
  heldByBuyer: 'held',
  venueUnits: 'venue',
  voucherUses: 'voucher_uses',
  conditionUnits: 'condition_units',
};

/** A bound as `lanyard_broken_bound` reads it: a path into the counts, and its limit. */
export const boundShape = z.union([
  z.object({ path: z.array(z.string()).min(1), max: z.number().int() }),
  z.object({ path: z.array(z.string()).min(1), equals: z.number().int() }),
]);
export type BoundJson = z.infer<typeof boundShape>;

/** `lanyard_take`: the fresh counts and the position of the first broken bound. */
export const takeAnswerShape = z.object({
  counts: countsShape,
  broken: z.number().int().min(0).nullable(),
});

const jsonRow = z.record(z.string(), z.unknown());

/** One entry of `lanyard_place_orders`'s batch: who, within which bounds, closing which cart, writing what. */
export const batchEntryShape = z.object({
  buyer: z.uuid(),
  bounds: z.array(boundShape),
  cart: z.uuid(),
  /** The cart's `updated_at` as priced (milliseconds); a later version refuses. */
  version: z.iso.datetime(),
  at: z.iso.datetime(),
  order: jsonRow,
  lines: z.array(jsonRow),
});
export type BatchEntryJson = z.infer<typeof batchEntryShape>;

export const outcomeShape = z.discriminatedUnion('status', [
  z.object({ status: z.literal('placed'), order: z.uuid() }),
  z.object({ status: z.literal('stale'), counts: countsShape }),
  z.object({ status: z.literal('cart_changed') }),
]);

/** `lanyard_place_orders`: one outcome per entry, in order; the rows written, by order id. */
export const batchAnswerShape = z.object({
  outcomes: z.array(outcomeShape),
  orders: z.record(z.string(), jsonRow),
  lines: z.record(z.string(), z.array(jsonRow)),
});
export type BatchAnswer = z.infer<typeof batchAnswerShape>;
