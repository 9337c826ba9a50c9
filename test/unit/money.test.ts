import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ZERO,
  add,
  allocate,
  formatMoney,
  max,
  min,
  minorUnitExponent,
  money,
  percentOf,
  sub,
  sum,
  times,
  type Money,
} from '../../src/domain/money.ts';

const m = money;
const ms = (list: number[]): Money[] => list.map(money);

describe('money()', () => {
  it.each([1.5, 0.1, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, -(2 ** 53)])(
    'D1.1 rejects %s',
    (n) => {
      expect(() => money(n)).toThrow(RangeError);
    },
  );

  it('D1.1 accepts safe integers, negative included, and normalises -0', () => {
    expect(money(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(money(-250)).toBe(-250);
    expect(Object.is(money(-0), 0)).toBe(true);
  });

  it('arithmetic stays exact and refuses to leave the safe range', () => {
    expect(add(m(10), m(5))).toBe(15);
    expect(sub(m(10), m(15))).toBe(-5);
    expect(times(m(1999), 3)).toBe(5997);
    expect(sum(ms([1, 2, 3]))).toBe(6);
    expect(sum([])).toBe(ZERO);
    expect(min(m(3), m(4))).toBe(3);
    expect(max(m(3), m(4))).toBe(4);
    expect(() => add(m(Number.MAX_SAFE_INTEGER), m(1))).toThrow(RangeError);
    expect(() => times(m(2 ** 40), 2 ** 20)).toThrow(RangeError);
    expect(() => times(m(100), 1.5)).toThrow(RangeError);
  });
});

describe('percentOf (C-1 half-up, away from zero)', () => {
  it.each([
    { amount: 5, bp: 5000, expected: 3, why: '2.5 → 3' },
    { amount: -5, bp: 5000, expected: -3, why: '-2.5 → -3' },
    { amount: 1, bp: 5000, expected: 1, why: '0.5 → 1' },
    { amount: 1, bp: 4999, expected: 0, why: '0.4999 → 0' },
    { amount: 25, bp: 1000, expected: 3, why: '0.025 → 0.03' },
    { amount: 24, bp: 1000, expected: 2, why: '2.4 → 2' },
    { amount: 49995, bp: 1000, expected: 5000, why: '4.9995 → 5.00 (C-1)' },
    { amount: 10000, bp: 2000, expected: 2000, why: '20 % of 100.00' },
    { amount: 1999, bp: 0, expected: 0, why: '0 %' },
    { amount: 1999, bp: 10000, expected: 1999, why: '100 %' },
    {
      amount: Number.MAX_SAFE_INTEGER,
      bp: 5000,
      expected: 4503599627370496,
      why: 'exact beyond float precision',
    },
  ])('C-1 $amount × $bp bp = $expected ($why)', ({ amount, bp, expected }) => {
    expect(percentOf(m(amount), bp)).toBe(expected);
  });

  it.each([-1, 10001, 12.5])('rejects %s basis points', (bp) => {
    expect(() => percentOf(m(100), bp)).toThrow(RangeError);
  });

  it('C-1 is the nearest integer, ties away from zero (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 10000 }),
        (amount, bp) => {
          const r = BigInt(percentOf(m(amount), bp));
          const exact = BigInt(amount) * BigInt(bp);
          const error = r * 10000n - exact;
          const absError = error < 0n ? -error : error;
          expect(absError * 2n <= 10000n).toBe(true);
          if (absError * 2n === 10000n) {
            const absR = r < 0n ? -r : r;
            const absExact = exact < 0n ? -exact : exact;
            expect(absR * 10000n > absExact).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('allocate (D3.4 largest remainder)', () => {
  it.each([
    { total: 1000, weights: [1000, 1000, 1000], expected: [334, 333, 333] },
    { total: 8000, weights: [10000, 30000], expected: [2000, 6000] },
    { total: 2500, weights: [10000, 2500], expected: [2000, 500] },
    { total: 5, weights: [100, 100, 100], expected: [2, 2, 1] },
    { total: 1052, weights: [269, 377, 342, 66], expected: [269, 376, 341, 66] },
    { total: 3, weights: [0, 5, 0, 5], expected: [0, 2, 0, 1] },
    { total: 0, weights: [0, 0], expected: [0, 0] },
    { total: 0, weights: [], expected: [] },
    { total: 7, weights: [7], expected: [7] },
  ])('splits $total over $weights as $expected', ({ total, weights, expected }) => {
    expect(allocate(m(total), ms(weights))).toEqual(expected);
  });

  it('refuses what cannot be split', () => {
    expect(() => allocate(m(1), ms([0, 0]))).toThrow(RangeError);
    expect(() => allocate(m(1), [])).toThrow(RangeError);
    expect(() => allocate(m(-1), ms([1]))).toThrow(RangeError);
    expect(() => allocate(m(1), ms([2, -1]))).toThrow(RangeError);
  });

  const weightsArb = fc.array(fc.integer({ min: 0, max: 1_000_000 }), {
    minLength: 1,
    maxLength: 8,
  });

  it('D3.4 sums exactly and never exceeds a weight when total ≤ Σweights (property)', () => {
    fc.assert(
      fc.property(weightsArb, fc.double({ min: 0, max: 1, noNaN: true }), (weights, fraction) => {
        const weightSum = weights.reduce((a, b) => a + b, 0);
        fc.pre(weightSum > 0);
        const total = Math.floor(weightSum * fraction);
        const parts = allocate(m(total), ms(weights));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((part, i) => {
          expect(part).toBeGreaterThanOrEqual(0);
          expect(part).toBeLessThanOrEqual(weights[i] ?? 0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('D3.4 each part is within one minor unit of its exact share (property)', () => {
    fc.assert(
      fc.property(weightsArb, fc.integer({ min: 0, max: 10_000_000 }), (weights, total) => {
        const weightSum = weights.reduce((a, b) => a + b, 0);
        fc.pre(weightSum > 0);
        const parts = allocate(m(total), ms(weights));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((part, i) => {
          const exactTimesSum = BigInt(total) * BigInt(weights[i] ?? 0);
          const diff = BigInt(part) * BigInt(weightSum) - exactTimesSum;
          expect(diff > -BigInt(weightSum) && diff < BigInt(weightSum)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('minorUnitExponent (D1.1)', () => {
  const zeroDecimal = 'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' ');

  it.each(zeroDecimal)('%s has no minor unit', (code) => {
    expect(minorUnitExponent(code)).toBe(0);
  });

  it.each(['USD', 'EUR', 'GBP', 'CHF', 'AUD'])('%s has two decimals', (code) => {
    expect(minorUnitExponent(code)).toBe(2);
  });

  it('ignores case and surrounding spaces', () => {
    expect(minorUnitExponent(' jpy ')).toBe(0);
  });
});

describe('formatMoney (D1.1, MAIL-2)', () => {
  it.each([
    { amount: 123_450, currency: 'USD', expected: '$1,234.50' },
    { amount: 5, currency: 'USD', expected: '$0.05' },
    { amount: 0, currency: 'USD', expected: '$0.00' },
    { amount: -2_500, currency: 'USD', expected: '-$25.00' },
    { amount: 99_999, currency: 'EUR', expected: '€999.99' },
    { amount: 5_000, currency: 'JPY', expected: '¥5,000' },
    { amount: 12_000, currency: 'krw', expected: '₩12,000' },
    { amount: Number.MAX_SAFE_INTEGER, currency: 'USD', expected: '$90,071,992,547,409.91' },
  ])('$amount $currency → $expected', ({ amount, currency, expected }) => {
    expect(formatMoney(m(amount), currency)).toBe(expected);
  });

  it('follows the locale for separators and symbol position', () => {
    expect(formatMoney(m(123_450), 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('shows every minor unit exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        const digits = formatMoney(m(amount), 'USD').replace(/[^0-9]/g, '');
        expect(BigInt(digits)).toBe(BigInt(amount));
      }),
      { numRuns: 300 },
    );
  });
});
