import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFunctionSources } from '../../src/db/functions/definitions.ts';
import { queryRows } from '../../src/db/raw.ts';
import { orderLines, orders } from '../../src/db/schema/index.ts';
import type { CountBound, CountName } from '../../src/domain/stock-rules.ts';
import { withTx } from '../../src/db/transactions.ts';
import {
  countsJson,
  createConsumptionKernel,
  planConsumption,
} from '../../src/services/inventory/index.ts';
import { boundsJson } from '../../src/services/inventory/placement.ts';
import {
  batchAnswerShape,
  batchEntryShape,
  boundShape,
  COUNT_PATHS,
  countsShape,
  outcomeShape,
  takeAnswerShape,
} from '../../src/services/inventory/sql-shapes.ts';
import { brokenBound } from '../support/bounds.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeRawOrder, makeTicketType, makeUser } from '../factories/index.ts';

/**
 * Issue 15.1: every JSON shape crossing between TypeScript and the database functions is defined
 * once (services/inventory/sql-shapes.ts). These tests fail when the SQL in src/db/functions and
 * the schemas disagree: statically (the keys the SQL reads and builds) and by a round trip
 * through the real functions.
 */

const sources = new Map(readFunctionSources().map((s) => [s.name, s.text]));
function source(name: string): string {
  const text = sources.get(name);
  if (!text) throw new Error(`no source for ${name}`);
  // Comments name keys in prose; only the code counts.
  return text.replace(/--[^\n]*/g, '');
}

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();
const keysOf = (shape: { shape: object }) => Object.keys(shape.shape);
const unionKeys = (union: { options: ReadonlyArray<{ shape: object }> }) =>
  sorted(union.options.flatMap(keysOf));

/** The keys of every `json_build_object(...)` / `jsonb_build_object(...)` (its even arguments). */
function builtKeys(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(/jsonb?_build_object\(/g)) {
    let depth = 1;
    let argument = 0;
    let current = '';
    for (let i = (match.index ?? 0) + match[0].length; i < text.length && depth > 0; i += 1) {
      const c = text[i];
      if (c === '(') depth += 1;
      if (c === ')') depth -= 1;
      if ((c === ',' && depth === 1) || depth === 0) {
        const literal = /^\s*'(\w+)'\s*$/.exec(current);
        if (argument % 2 === 0 && literal?.[1]) keys.push(literal[1]);
        argument += 1;
        current = '';
      } else current += c;
    }
  }
  return sorted(keys);
}

/** Keys read with `->`, `->>` or `?` from the JSON value `from` (a variable or expression). */
function readKeys(text: string, from: string): string[] {
  const pattern = new RegExp(`${from}\\s*(?:->>?|\\?)\\s*'(\\w+)'`, 'g');
  return sorted([...text.matchAll(pattern)].map((m) => m[1] ?? ''));
}

const columnsOf = (table: typeof orders | typeof orderLines) =>
  Object.values(getTableColumns(table)).map((c) => c.name);

describe("JSON between TypeScript and SQL: the keys in src/db/functions are the schemas' keys", () => {
  it('lanyard_cart_counts builds exactly the counts shape, and every count has a path in it', () => {
    expect(builtKeys(source('lanyard_cart_counts'))).toEqual(sorted(keysOf(countsShape)));
    expect(sorted(Object.values(COUNT_PATHS))).toEqual(sorted(keysOf(countsShape)));
  });

  it('lanyard_broken_bound reads exactly the bound shape', () => {
    expect(readKeys(source('lanyard_broken_bound'), 'b\\.bound')).toEqual(unionKeys(boundShape));
  });

  it('lanyard_take builds exactly the take answer', () => {
    expect(builtKeys(source('lanyard_take'))).toEqual(sorted(keysOf(takeAnswerShape)));
  });

  it('lanyard_place_orders reads exactly a batch entry and builds exactly its answer', () => {
    const text = source('lanyard_place_orders');
    expect(readKeys(text, 'entry')).toEqual(sorted(keysOf(batchEntryShape)));
    const answer = [...keysOf(batchAnswerShape), ...unionKeys(outcomeShape)];
    // 'held' is the one count the batch adds per buyer: a key of the counts shape.
    expect(builtKeys(text)).toEqual(sorted([...answer, 'held']));
    expect(keysOf(countsShape)).toContain('held');
    const countsTouched = [
      ...readKeys(text, 'shared'),
      ...[...text.matchAll(/'\{(\w+)\}'/g)].map((m) => m[1] ?? ''),
    ];
    for (const key of countsTouched) expect(keysOf(countsShape)).toContain(key);
    for (const key of readKeys(text, "'order'")) expect(columnsOf(orders)).toContain(key);
    for (const key of readKeys(text, 'line')) expect(columnsOf(orderLines)).toContain(key);
  });
});

const COUNT_NAMES = Object.keys(COUNT_PATHS) as CountName[];
const IDS = ['a', 'b'];

describeEachBackend(
  'JSON between TypeScript and SQL: a round trip through the real functions',
  (ctx) => {
    it('lanyard_take answers the take shape, with counts in the counts shape', async () => {
      const conference = await makeConference(ctx.db, { totalCapacity: 10 });
      const ticket = await makeTicketType(ctx.db, conference, {
        totalQuantity: 3,
        limitPerUser: 2,
      });
      const buyer = await makeUser(ctx.db);
      await makeRawOrder(ctx.db, {
        conference,
        user: await makeUser(ctx.db),
        status: 'paid',
        lines: [{ ticketType: ticket, quantity: 2 }],
      });
      const plan = planConsumption({
        conference,
        buyerId: buyer.id,
        lines: [{ kind: 'ticket', product: ticket, quantity: 2 }],
        voucherId: null,
        limitedConditionIds: [],
        usage: [],
        spendsCredit: false,
      });
      const [counted] = await queryRows<{ counts: Record<string, unknown> }>(
        ctx.db,
        sql`SELECT (${countsJson(plan.scope, new Date())}) AS counts`,
      );
      expect(sorted(Object.keys(counted?.counts ?? {}))).toEqual(sorted(keysOf(countsShape)));
      const taken = await withTx(ctx.db, (tx) =>
        createConsumptionKernel(ctx.db).take(tx, plan, new Date()),
      );
      expect(taken.counts.soldByTicketType.get(ticket.id)).toBe(2);
      expect(taken.broken).toEqual({ count: 'ticketSold', id: ticket.id, max: 1 });
      const [raw] = await queryRows<{ answer: Record<string, unknown> }>(
        ctx.db,
        sql`SELECT lanyard_take('{}'::text[], ${conference.id}::uuid, ${buyer.id}::uuid,
        ARRAY[${ticket.id}]::uuid[], '{}'::uuid[], true, NULL::uuid, '{}'::uuid[], NULL::uuid,
        now(), ${JSON.stringify(boundsJson(plan.bounds))}::jsonb) AS answer`,
      );
      expect(sorted(Object.keys(raw?.answer ?? {}))).toEqual(sorted(keysOf(takeAnswerShape)));
      expect(takeAnswerShape.safeParse(raw?.answer).success).toBe(true);
    });

    it('lanyard_place_orders answers the batch answer shape for an entry of the entry shape', async () => {
      const conference = await makeConference(ctx.db);
      const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 1 });
      const stale = {
        buyer: randomUUID(),
        bounds: [{ path: ['tickets', ticket.id], max: -1 }],
        cart: randomUUID(),
        version: new Date().toISOString(),
        at: new Date().toISOString(),
        order: {},
        lines: [],
      };
      const changed = { ...stale, buyer: randomUUID(), bounds: [] };
      for (const entry of [stale, changed]) expect(batchEntryShape.parse(entry)).toEqual(entry);
      const [row] = await queryRows<{ answer: Record<string, unknown> }>(
        ctx.db,
        sql`SELECT lanyard_place_orders('{}'::text[], ${conference.id}::uuid, ARRAY[${ticket.id}]::uuid[],
        '{}'::uuid[], false, NULL::uuid, '{}'::uuid[], now(), ${JSON.stringify([stale, changed])}::jsonb) AS answer`,
      );
      expect(sorted(Object.keys(row?.answer ?? {}))).toEqual(sorted(keysOf(batchAnswerShape)));
      const answer = batchAnswerShape.parse(row?.answer);
      expect(answer.outcomes.map((o) => o.status)).toEqual(['stale', 'cart_changed']);
    });

    it('lanyard_broken_bound judges bounds exactly as TypeScript reads them (property)', async () => {
      const countsArb = fc.record({
        tickets: fc.dictionary(fc.constantFrom(...IDS), fc.integer({ min: 0, max: 5 })),
        addons: fc.dictionary(fc.constantFrom(...IDS), fc.integer({ min: 0, max: 5 })),
        venue: fc.integer({ min: 0, max: 5 }),
        held: fc.dictionary(fc.constantFrom(...IDS), fc.integer({ min: 0, max: 5 })),
        voucher_uses: fc.integer({ min: 0, max: 5 }),
        condition_units: fc.dictionary(fc.constantFrom(...IDS), fc.integer({ min: 0, max: 5 })),
      });
      const boundArb: fc.Arbitrary<CountBound> = fc
        .record({
          count: fc.constantFrom(...COUNT_NAMES),
          id: fc.constantFrom(...IDS),
          limit: fc.integer({ min: -1, max: 5 }),
          exact: fc.boolean(),
        })
        .map(({ count, id, limit, exact }) => {
          const scoped = count === 'venueUnits' || count === 'voucherUses' ? {} : { id };
          return exact ? { count, ...scoped, equals: limit } : { count, ...scoped, max: limit };
        });
      await fc.assert(
        fc.asyncProperty(
          countsArb,
          fc.array(boundArb, { maxLength: 5 }),
          async (counts, bounds) => {
            const [row] = await queryRows<{ broken: number | null }>(
              ctx.db,
              sql`SELECT lanyard_broken_bound(${JSON.stringify(counts)}::jsonb,
            ${JSON.stringify(boundsJson(bounds))}::jsonb) AS broken`,
            );
            const expected = brokenBound(bounds, (count, id) => {
              const value = counts[COUNT_PATHS[count]];
              return typeof value === 'number' ? value : (value[id ?? ''] ?? 0);
            });
            expect(row?.broken === null ? null : bounds[row?.broken ?? -1]).toBe(expected);
          },
        ),
        { numRuns: 50 },
      );
    });
  },
);
