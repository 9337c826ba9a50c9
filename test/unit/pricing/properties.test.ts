import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isInScope,
  isVoucherUsable,
  priceCart,
  remainingAllowance,
  type PriceBreakdown,
} from '../../../src/domain/pricing/index.ts';
import { pricingInputArb } from './arbitraries.ts';

const RUNS = { numRuns: 400 };
const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const postOf = (l: PriceBreakdown['lines'][number]) => l.subtotal - l.conditionDiscount;

describe('priceCart properties', () => {
  it('PRICE-8 totals are never negative and the lines add up exactly (D3.8)', () => {
    fc.assert(
      fc.property(pricingInputArb, (input) => {
        const r = priceCart(input);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(total(r.lines.map((l) => l.total))).toBe(r.total);
        expect(total(r.lines.map((l) => l.subtotal))).toBe(r.subtotal);
        expect(total(r.lines.map((l) => l.conditionDiscount))).toBe(r.conditionDiscount);
        expect(total(r.lines.map((l) => l.voucherDiscount))).toBe(r.voucherDiscount);
        expect(r.conditionDiscount + r.voucherDiscount).toBe(r.discount);
        expect(r.subtotal - r.discount).toBe(r.total);
        for (const l of r.lines) {
          expect(l.total).toBeGreaterThanOrEqual(0);
          expect(l.subtotal).toBe(l.unitPrice * l.quantity);
          expect(l.subtotal - l.conditionDiscount - l.voucherDiscount).toBe(l.total);
          expect(total(l.trace.map((s) => s.amountOff))).toBe(
            l.conditionDiscount + l.voucherDiscount,
          );
        }
      }),
      RUNS,
    );
  });

  it('PRICE-4 a line discount never exceeds its subtotal, nor a voucher share what is left', () => {
    fc.assert(
      fc.property(pricingInputArb, (input) => {
        const r = priceCart(input);
        for (const l of r.lines) {
          expect(l.conditionDiscount).toBeGreaterThanOrEqual(0);
          expect(l.voucherDiscount).toBeGreaterThanOrEqual(0);
          expect(l.conditionDiscount).toBeLessThanOrEqual(l.subtotal);
          expect(l.conditionDiscount + l.voucherDiscount).toBeLessThanOrEqual(l.subtotal);
        }
        expect(r.voucherDiscount).toBeLessThanOrEqual(total(r.lines.map(postOf)));
      }),
      RUNS,
    );
  });

  it('VOU-5 only a usable voucher discounts, and only in-scope lines', () => {
    fc.assert(
      fc.property(pricingInputArb, (input) => {
        const r = priceCart(input);
        const v = input.voucher;
        if (v === null) {
          expect(r.voucher).toBeNull();
          expect(r.voucherDiscount).toBe(0);
          return;
        }
        if (!isVoucherUsable(v, input.now).ok) expect(r.voucherDiscount).toBe(0);
        expect(r.voucher?.discount).toBe(r.voucherDiscount);
        expect(r.voucher?.status === 'applied').toBe(r.voucherDiscount > 0);
        r.lines.forEach((l) => {
          if (!isInScope(v, l)) expect(l.voucherDiscount).toBe(0);
        });
        if (v.kind === 'fixed_amount' && r.voucher?.status === 'applied') {
          const pool = total(r.lines.filter((l) => isInScope(v, l)).map(postOf));
          expect(r.voucherDiscount).toBe(Math.min(v.amountOff ?? 0, pool));
        }
      }),
      RUNS,
    );
  });

  it('D3.6 conditionUsage never exceeds the remaining allowance and matches the lines', () => {
    fc.assert(
      fc.property(pricingInputArb, (input) => {
        const r = priceCart(input);
        const ids = r.conditionUsage.map((u) => u.conditionId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const usage of r.conditionUsage) {
          const c = input.conditions.find((x) => x.id === usage.conditionId);
          expect(c).toBeDefined();
          if (c === undefined) continue;
          expect(usage.units).toBeGreaterThan(0);
          expect(usage.units).toBeLessThanOrEqual(remainingAllowance(c));
          const onLines = r.lines.filter((l) => l.conditionId === c.id);
          expect(total(onLines.map((l) => l.conditionUnits))).toBe(usage.units);
        }
        for (const l of r.lines) {
          expect(l.conditionUnits).toBeLessThanOrEqual(l.quantity);
          expect(l.conditionId === null).toBe(l.conditionDiscount === 0);
        }
      }),
      RUNS,
    );
  });

  it('D3.1 same input, same output, whatever order the conditions arrive in', () => {
    const withShuffle = pricingInputArb.chain((input) =>
      fc
        .shuffledSubarray([...input.conditions], {
          minLength: input.conditions.length,
          maxLength: input.conditions.length,
        })
        .map((shuffled) => ({ input, shuffled })),
    );
    fc.assert(
      fc.property(withShuffle, ({ input, shuffled }) => {
        const first = priceCart(input);
        expect(priceCart(structuredClone(input))).toEqual(first);
        expect(priceCart({ ...input, conditions: shuffled })).toEqual(first);
      }),
      RUNS,
    );
  });
});
