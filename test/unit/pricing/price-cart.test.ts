import { describe, expect, it } from 'vitest';
import { money } from '../../../src/domain/money.ts';
import { priceCart } from '../../../src/domain/pricing/index.ts';
import {
  addon,
  fixedVoucher,
  percentCondition,
  percentVoucher,
  pricingInput,
  ticket,
  voucher,
} from './builders.ts';

describe('priceCart pipeline (PRICE)', () => {
  it('PRICE-2 no rules: every line at full price, totals equal the subtotal', () => {
    const result = priceCart(
      pricingInput({ lines: [ticket('l1', 't1', 12500, 2), addon('l2', 'a1', 1999, 3)] }),
    );
    expect(result.subtotal).toBe(30997);
    expect(result.discount).toBe(0);
    expect(result.total).toBe(30997);
    expect(result.voucher).toBeNull();
    expect(result.conditionUsage).toEqual([]);
    expect(result.lines.map((l) => [l.subtotal, l.total, l.trace.length])).toEqual([
      [25000, 25000, 0],
      [5997, 5997, 0],
    ]);
  });

  it('PRICE-2 an empty cart prices to zero', () => {
    const result = priceCart(pricingInput({ voucher: fixedVoucher(1000) }));
    expect(result.total).toBe(0);
    expect(result.lines).toEqual([]);
    expect(result.voucher).toMatchObject({
      status: 'not_applicable',
      reasonCode: 'VOUCHER_NO_APPLICABLE_LINES',
    });
  });

  it('PRICE-3 $100, 20 % condition then 10 % voucher → 20 + 8 off, total 72', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 't1', 10000)],
        conditions: [percentCondition('c20', 2000, { name: 'Early bird', kind: 'time_or_stock' })],
        voucher: percentVoucher(1000, { code: 'TEN' }),
      }),
    );
    expect(result).toMatchObject({
      subtotal: 10000,
      conditionDiscount: 2000,
      voucherDiscount: 800,
      discount: 2800,
      total: 7200,
      voucher: { id: 'vou-1', code: 'TEN', status: 'applied', discount: 800 },
      conditionUsage: [{ conditionId: 'c20', units: 1 }],
    });
    expect(result.lines[0]).toEqual({
      lineId: 'l1',
      kind: 'ticket',
      productId: 't1',
      description: 'Ticket t1',
      quantity: 1,
      unitPrice: 10000,
      subtotal: 10000,
      conditionDiscount: 2000,
      conditionId: 'c20',
      conditionName: 'Early bird',
      conditionUnits: 1,
      voucherDiscount: 800,
      total: 7200,
      trace: [
        {
          kind: 'condition',
          ruleId: 'c20',
          ruleName: 'Early bird',
          amountOff: 2000,
          reasonCode: 'EARLY_BIRD_WINDOW',
        },
        {
          kind: 'voucher',
          ruleId: 'vou-1',
          ruleName: 'TEN',
          amountOff: 800,
          reasonCode: 'VOUCHER_PERCENTAGE',
        },
      ],
    });
  });

  it.each([
    { name: '$80 over 100 & 300', amount: 8000, prices: [10000, 30000], shares: [2000, 6000] },
    { name: '$25 over 100 & 25', amount: 2500, prices: [10000, 2500], shares: [2000, 500] },
    {
      name: '$10 over three 10.00 lines (largest remainder, tie to the earliest line)',
      amount: 1000,
      prices: [1000, 1000, 1000],
      shares: [334, 333, 333],
    },
    { name: '$0.05 over three 1.00 lines', amount: 5, prices: [100, 100, 100], shares: [2, 2, 1] },
    { name: '$1000 over a $10 cart (capped)', amount: 100000, prices: [1000], shares: [1000] },
  ])('PRICE-7 fixed voucher, $name', ({ amount, prices, shares }) => {
    const lines = prices.map((p, i) => ticket(`l${i}`, 't1', p));
    const result = priceCart(pricingInput({ lines, voucher: fixedVoucher(amount) }));
    expect(result.lines.map((l) => l.voucherDiscount)).toEqual(shares);
    expect(result.voucherDiscount).toBe(shares.reduce((a, b) => a + b, 0));
    expect(result.lines.every((l) => l.trace[0]?.reasonCode === 'VOUCHER_FIXED_SHARE')).toBe(true);
  });

  it('W-13 $10.52 over 2.69, 3.77, 3.42, 0.66: no line goes below zero', () => {
    const lines = [269, 377, 342, 66].map((p, i) => ticket(`l${i}`, 't1', p));
    const result = priceCart(pricingInput({ lines, voucher: fixedVoucher(1052) }));
    expect(result.lines.map((l) => l.voucherDiscount)).toEqual([269, 376, 341, 66]);
    expect(result.lines.map((l) => l.total)).toEqual([0, 1, 1, 0]);
    expect(result.total).toBe(2);
    expect(result.voucherDiscount).toBe(1052);
  });

  it('PRICE-9 mixed example: 50 % condition on A, $30 voucher over A and B', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('A', 'tA', 10000), ticket('B', 'tB', 10000)],
        conditions: [percentCondition('half', 5000, { ticketTypeIds: ['tA'] })],
        voucher: fixedVoucher(3000),
      }),
    );
    expect(result.lines.map((l) => [l.conditionDiscount, l.voucherDiscount, l.total])).toEqual([
      [5000, 1000, 4000],
      [0, 2000, 8000],
    ]);
    expect(result).toMatchObject({
      subtotal: 20000,
      conditionDiscount: 5000,
      voucherDiscount: 3000,
      discount: 8000,
      total: 12000,
    });
  });

  it('PRICE-5 a line fully discounted by a condition takes no voucher share', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 'free', 5000), ticket('l2', 't2', 5000)],
        conditions: [percentCondition('all', 10000, { ticketTypeIds: ['free'] })],
        voucher: fixedVoucher(2000),
      }),
    );
    expect(result.lines.map((l) => [l.voucherDiscount, l.total])).toEqual([
      [0, 0],
      [2000, 3000],
    ]);
  });

  it('PRICE-6 comp voucher takes what conditions left of every in-scope line', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 't1', 10000, 2), addon('l2', 'a1', 2500)],
        conditions: [percentCondition('c', 1000, { ticketTypeIds: ['t1'] })],
        voucher: voucher({ kind: 'comp' }),
      }),
    );
    expect(result.lines.map((l) => [l.conditionDiscount, l.voucherDiscount, l.total])).toEqual([
      [2000, 18000, 0],
      [0, 2500, 0],
    ]);
    expect(result.lines[1]?.trace).toEqual([
      {
        kind: 'voucher',
        ruleId: 'vou-1',
        ruleName: 'SAVE',
        amountOff: 2500,
        reasonCode: 'VOUCHER_COMP',
      },
    ]);
    expect(result.total).toBe(0);
  });

  it('PRICE-6 percentage voucher rounds half-up per line and is clamped at 100 % (W-14)', () => {
    const lines = [ticket('l1', 't1', 25), ticket('l2', 't2', 35), ticket('l3', 't3', 999)];
    const tenth = priceCart(pricingInput({ lines, voucher: percentVoucher(1000) }));
    expect(tenth.lines.map((l) => l.voucherDiscount)).toEqual([3, 4, 100]);
    const over = priceCart(pricingInput({ lines, voucher: percentVoucher(25000) }));
    expect(over.lines.map((l) => l.total)).toEqual([0, 0, 0]);
    expect(over.voucherDiscount).toBe(over.subtotal);
  });

  it('D3.8 a zero-value voucher is reported as not applicable', () => {
    const result = priceCart(
      pricingInput({ lines: [ticket('l1', 't1', 1000)], voucher: percentVoucher(0) }),
    );
    expect(result.voucher).toEqual({
      id: 'vou-1',
      code: 'SAVE',
      status: 'not_applicable',
      reasonCode: 'VOUCHER_ZERO_VALUE',
      discount: 0,
    });
    expect(result.lines[0]?.trace).toEqual([]);
  });

  it('D3.5 refuses corrupt input instead of pricing it', () => {
    const bad = { ...ticket('l1', 't1', 100), unitPrice: money(-100) };
    expect(() => priceCart(pricingInput({ lines: [bad] }))).toThrow(RangeError);
    expect(() =>
      priceCart(pricingInput({ lines: [ticket('l1', 't1', 100), ticket('l1', 't2', 100)] })),
    ).toThrow(/Duplicate line/);
    expect(() => priceCart(pricingInput({ lines: [ticket('l1', 't1', 100, 1.5)] }))).toThrow(
      RangeError,
    );
    expect(() => priceCart(pricingInput({ conditions: [percentCondition('c', -5)] }))).toThrow(
      RangeError,
    );
    expect(() => priceCart(pricingInput({ now: new Date('nope') }))).toThrow(RangeError);
  });
});
