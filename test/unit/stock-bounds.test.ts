import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findStockViolation,
  stockBounds,
  type CountBound,
  type StockFacts,
  type StockLine,
} from '../../src/domain/stock-rules.ts';
import { brokenBound } from '../support/bounds.ts';

// D2.2 in one statement: checkout decides with nothing counted, then the database checks the
// fresh counts against `stockBounds`. That is only sound if the bounds say exactly what the stock
// rule says, which is what these properties pin down.

const NOW = new Date('2027-03-01T12:00:00Z');
const conferenceBase = { isActive: true, endDate: '2027-06-01', timezone: 'Europe/Berlin' };

const window = fc.constantFrom<[Date | null, Date | null]>(
  [null, null],
  [new Date('2027-01-01T00:00:00Z'), null],
  [null, new Date('2027-02-01T00:00:00Z')],
  [new Date('2027-04-01T00:00:00Z'), null],
);

const ticketLineArb = (index: number) =>
  fc
    .record({
      total: fc.nat(8),
      limit: fc.integer({ min: 1, max: 6 }),
      qty: fc.integer({ min: 1, max: 5 }),
      active: fc.boolean(),
      window,
    })
    .map(({ total, limit, qty, active, window: [from, until] }): StockLine => ({
      kind: 'ticket',
      quantity: qty,
      product: {
        id: `t${index}`,
        name: `Ticket ${index}`,
        isActive: active,
        availableFrom: from,
        availableUntil: until,
        totalQuantity: total,
        limitPerUser: limit,
        requiresVoucher: false,
      },
    }));

const addonLineArb = (index: number, ticketIds: readonly string[]) =>
  fc
    .record({
      total: fc.nat(8),
      qty: fc.integer({ min: 1, max: 5 }),
      active: fc.boolean(),
      needsTicket: fc.boolean(),
    })
    .map(({ total, qty, active, needsTicket }): StockLine => ({
      kind: 'addon',
      quantity: qty,
      product: {
        id: `a${index}`,
        name: `Add-on ${index}`,
        isActive: active,
        availableFrom: null,
        availableUntil: null,
        totalQuantity: total,
        requiredTicketTypeIds: needsTicket ? [...ticketIds.slice(0, 1), 'not-in-cart'] : [],
      },
    }));

const cartArb = fc
  .record({ tickets: fc.integer({ min: 0, max: 3 }), addons: fc.integer({ min: 0, max: 2 }) })
  .chain(({ tickets, addons }) => {
    const ticketIds = Array.from({ length: tickets }, (_, i) => `t${i}`);
    return fc.record({
      lines: fc.tuple(
        ...Array.from({ length: tickets }, (_, i) => ticketLineArb(i)),
        ...Array.from({ length: addons }, (_, i) => addonLineArb(i, ticketIds)),
      ),
      capacity: fc.nat(12),
    });
  });

interface Counts {
  ticketSold: Map<string, number>;
  addonSold: Map<string, number>;
  heldByBuyer: Map<string, number>;
  venueUnits: number;
}

const countsArb = fc
  .record({
    sold: fc.array(fc.nat(10), { minLength: 3, maxLength: 3 }),
    addonSold: fc.array(fc.nat(10), { minLength: 2, maxLength: 2 }),
    held: fc.array(fc.nat(7), { minLength: 3, maxLength: 3 }),
    venue: fc.nat(14),
  })
  .map(({ sold, addonSold, held, venue }): Counts => ({
    ticketSold: new Map(sold.map((n, i) => [`t${i}`, n])),
    addonSold: new Map(addonSold.map((n, i) => [`a${i}`, n])),
    heldByBuyer: new Map(held.map((n, i) => [`t${i}`, n])),
    venueUnits: venue,
  }));

const NOTHING: Counts = {
  ticketSold: new Map(),
  addonSold: new Map(),
  heldByBuyer: new Map(),
  venueUnits: 0,
};

function factsOf(counts: Counts, capacity: number): StockFacts {
  return {
    conference: { ...conferenceBase, totalCapacity: capacity },
    soldByTicketType: counts.ticketSold,
    soldByAddon: counts.addonSold,
    soldTicketUnits: counts.venueUnits,
    heldByBuyer: counts.heldByBuyer,
    voucher: null,
    now: NOW,
  };
}

/** What the SQL of migration 0006 does with a bound, written out for the property. */
function within(counts: Counts, bound: CountBound): boolean {
  const value =
    bound.count === 'venueUnits'
      ? counts.venueUnits
      : ((bound.count === 'ticketSold'
          ? counts.ticketSold
          : bound.count === 'addonSold'
            ? counts.addonSold
            : counts.heldByBuyer
        ).get(bound.id ?? '') ?? 0);
  return bound.max !== undefined ? value <= bound.max : value === bound.equals;
}

describe('stockBounds (D2.2 checked by the database in one statement)', () => {
  it('a cart that passes with nothing counted passes exactly when every count is within bounds', () => {
    fc.assert(
      fc.property(cartArb, countsArb, ({ lines, capacity }, counts) => {
        fc.pre(findStockViolation(lines, factsOf(NOTHING, capacity)) === null);
        const bounds = stockBounds(lines, { totalCapacity: capacity });
        const passes = findStockViolation(lines, factsOf(counts, capacity)) === null;
        expect(bounds.every((b) => within(counts, b))).toBe(passes);
      }),
      { numRuns: 2000 },
    );
  });

  it('a bound is tight: one more unit on that count alone is refused by the rule', () => {
    fc.assert(
      fc.property(cartArb, ({ lines, capacity }) => {
        fc.pre(findStockViolation(lines, factsOf(NOTHING, capacity)) === null);
        for (const bound of stockBounds(lines, { totalCapacity: capacity })) {
          const at = bound.max ?? 0;
          const counts: Counts = {
            ticketSold: new Map(),
            addonSold: new Map(),
            heldByBuyer: new Map(),
            venueUnits: bound.count === 'venueUnits' ? at : 0,
          };
          const map =
            bound.count === 'ticketSold'
              ? counts.ticketSold
              : bound.count === 'addonSold'
                ? counts.addonSold
                : counts.heldByBuyer;
          if (bound.id !== undefined) map.set(bound.id, at);
          expect(findStockViolation(lines, factsOf(counts, capacity))).toBeNull();
          if (bound.count === 'venueUnits') counts.venueUnits = at + 1;
          else if (bound.id !== undefined) map.set(bound.id, at + 1);
          expect(findStockViolation(lines, factsOf(counts, capacity))).not.toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('brokenBound (code that counts in its own statement) judges the counts exactly as the SQL does', () => {
    fc.assert(
      fc.property(cartArb, countsArb, ({ lines, capacity }, counts) => {
        const bounds = stockBounds(lines, { totalCapacity: capacity });
        const broken = brokenBound(bounds, (count, id) =>
          count === 'venueUnits'
            ? counts.venueUnits
            : ((count === 'ticketSold'
                ? counts.ticketSold
                : count === 'addonSold'
                  ? counts.addonSold
                  : counts.heldByBuyer
              ).get(id ?? '') ?? 0),
        );
        expect(broken).toBe(bounds.find((b) => !within(counts, b)) ?? null);
      }),
      { numRuns: 1000 },
    );
  });
});
