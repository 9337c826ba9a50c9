import { describe, expect, it } from 'vitest';
import { revivalBounds, revivalRefusal } from '../../src/domain/revival-rules.ts';
import type { CountName } from '../../src/domain/stock-rules.ts';
import { brokenBound } from '../support/bounds.ts';

// D2.6 under D2.2: what a lapsed order must find again before it may come back.

const ticket = (id: string, totalQuantity: number, limitPerUser: number) => ({
  id,
  totalQuantity,
  limitPerUser,
});
const limited = (id: string, usageLimit: number) => ({
  id,
  kind: 'time_or_stock' as const,
  usageLimit,
});

function countsOf(values: Partial<Record<string, number>>) {
  return (count: CountName, id: string | undefined) =>
    values[id === undefined ? count : `${count}:${id}`] ?? 0;
}

describe('revivalBounds (D2.6)', () => {
  const order = {
    lines: [
      { kind: 'ticket' as const, product: ticket('t1', 10, 2), quantity: 1 },
      { kind: 'ticket' as const, product: ticket('t1', 10, 2), quantity: 1 },
      { kind: 'addon' as const, product: { id: 'a1', totalQuantity: 0 }, quantity: 3 },
    ],
    voucher: { id: 'v1', maxUses: 5 },
    discountedUnits: [
      { condition: limited('c1', 4), units: 1 },
      { condition: limited('c1', 4), units: 1 },
      { condition: { id: 'c2', kind: 'speaker' as const, usageLimit: 0 }, units: 1 },
    ],
  };

  it('merges lines of one product, adds one voucher use and the units of each limited condition', () => {
    expect(revivalBounds(order, { totalCapacity: 100 })).toEqual([
      { count: 'ticketSold', id: 't1', max: 8 },
      { count: 'heldByBuyer', id: 't1', max: 0 },
      { count: 'venueUnits', max: 98 },
      { count: 'voucherUses', max: 4 },
      { count: 'conditionUnits', id: 'c1', max: 2 },
    ]);
  });

  it('comes back when every count leaves room, and names the first thing that ran out', () => {
    const bounds = revivalBounds(order, { totalCapacity: 0 });
    const room = { 'ticketSold:t1': 8, voucherUses: 4, 'conditionUnits:c1': 2 };
    expect(brokenBound(bounds, countsOf(room))).toBeNull();
    const cases: Array<[Record<string, number>, string]> = [
      [{ ...room, 'ticketSold:t1': 9 }, 'its items sold out'],
      [{ ...room, 'heldByBuyer:t1': 1 }, 'the buyer has since reached the per-person limit'],
      [{ ...room, voucherUses: 5 }, 'its voucher was used up'],
      [{ ...room, 'conditionUnits:c1': 3 }, 'its discount ran out'],
    ];
    for (const [counts, why] of cases) {
      const broken = brokenBound(bounds, countsOf(counts));
      expect(broken && revivalRefusal(broken.count)).toBe(why);
    }
  });

  it('an order without voucher or limited discount is bound by its stock alone', () => {
    const plain = {
      lines: [{ kind: 'ticket' as const, product: ticket('t1', 0, 10), quantity: 2 }],
      voucher: null,
      discountedUnits: [{ condition: limited('c1', 0), units: 2 }],
    };
    expect(revivalBounds(plain, { totalCapacity: 0 })).toEqual([
      { count: 'heldByBuyer', id: 't1', max: 8 },
    ]);
  });
});
