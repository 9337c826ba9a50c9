import { describe, expect, it } from 'vitest';
import {
  isInScope,
  isVoucherUsable,
  isWindowOpen,
  priceCart,
  type PricingVoucher,
} from '../../../src/domain/pricing/index.ts';
import {
  NOW,
  addon,
  fixedVoucher,
  percentCondition,
  pricingInput,
  secondsFrom,
  ticket,
  voucher,
} from './builders.ts';

describe('C-2 inclusive windows', () => {
  it.each([
    { from: null, until: null, open: true },
    { from: 0, until: null, open: true },
    { from: null, until: 0, open: true },
    { from: 0, until: 0, open: true },
    { from: 1, until: null, open: false },
    { from: null, until: -1, open: false },
    { from: -10, until: 10, open: true },
    { from: 10, until: -10, open: false },
  ])('C-2 from $from s until $until s relative to now → open=$open', ({ from, until, open }) => {
    const at = (s: number | null) => (s === null ? null : secondsFrom(NOW, s));
    expect(isWindowOpen(at(from), at(until), NOW)).toBe(open);
  });
});

describe('VOU-3 voucher validity with reason codes (CART-14)', () => {
  it.each<{ name: string; overrides: Partial<PricingVoucher>; reason: string | null }>([
    { name: 'usable', overrides: {}, reason: null },
    { name: 'inactive', overrides: { isActive: false }, reason: 'VOUCHER_INACTIVE' },
    { name: 'all uses taken', overrides: { maxUses: 3, usesCount: 3 }, reason: 'VOUCHER_USED_UP' },
    { name: 'max_uses 0 is never valid', overrides: { maxUses: 0 }, reason: 'VOUCHER_USED_UP' },
    { name: 'last use left', overrides: { maxUses: 3, usesCount: 2 }, reason: null },
    {
      name: 'C-2 valid from one second later',
      overrides: { validFrom: secondsFrom(NOW, 1) },
      reason: 'VOUCHER_NOT_YET_VALID',
    },
    { name: 'C-2 valid from exactly now', overrides: { validFrom: NOW }, reason: null },
    { name: 'C-2 valid until exactly now', overrides: { validUntil: NOW }, reason: null },
    {
      name: 'C-2 expired one second ago',
      overrides: { validUntil: secondsFrom(NOW, -1) },
      reason: 'VOUCHER_EXPIRED',
    },
    {
      name: 'inactive wins over every other reason',
      overrides: { isActive: false, maxUses: 0, validUntil: secondsFrom(NOW, -1) },
      reason: 'VOUCHER_INACTIVE',
    },
  ])('VOU-3 $name → $reason', ({ overrides, reason }) => {
    const v = fixedVoucher(500, overrides);
    const usable = isVoucherUsable(v, NOW);
    expect(usable).toEqual(reason === null ? { ok: true } : { ok: false, reasonCode: reason });
    const result = priceCart(pricingInput({ lines: [ticket('l1', 't1', 1000)], voucher: v }));
    if (reason === null) {
      expect(result.voucher).toEqual({
        id: 'vou-1',
        code: 'SAVE',
        status: 'applied',
        discount: 500,
      });
      expect(result.total).toBe(500);
    } else {
      expect(result.voucher).toEqual({
        id: 'vou-1',
        code: 'SAVE',
        status: 'invalid',
        reasonCode: reason,
        discount: 0,
      });
      expect(result.total).toBe(1000);
      expect(result.lines[0]?.trace).toEqual([]);
    }
  });
});

describe('W-22 / VOU-5 voucher scope', () => {
  const lines = [
    ticket('l1', 't1', 1000),
    ticket('l2', 't2', 1000),
    addon('l3', 'a1', 1000),
    addon('l4', 'a2', 1000),
  ];

  it.each([
    { name: 'both sets empty: everything', tickets: [], addons: [], hit: [true, true, true, true] },
    {
      name: 'one ticket type: add-ons no longer included',
      tickets: ['t1'],
      addons: [],
      hit: [true, false, false, false],
    },
    {
      name: 'one add-on: tickets excluded',
      tickets: [],
      addons: ['a1'],
      hit: [false, false, true, false],
    },
    {
      name: 'both listed',
      tickets: ['t2'],
      addons: ['a2'],
      hit: [false, true, false, true],
    },
  ])('W-22 $name', ({ tickets, addons, hit }) => {
    const scope = { ticketTypeIds: tickets, addonIds: addons };
    expect(lines.map((l) => isInScope(scope, l))).toEqual(hit);
    const result = priceCart(pricingInput({ lines, voucher: voucher({ kind: 'comp', ...scope }) }));
    expect(result.lines.map((l) => l.voucherDiscount > 0)).toEqual(hit);
  });

  it('W-22 a product id is matched only against the list of its own kind', () => {
    const scope = { ticketTypeIds: ['same-id'], addonIds: [] };
    expect(isInScope(scope, { kind: 'addon', productId: 'same-id' })).toBe(false);
    expect(isInScope(scope, { kind: 'ticket', productId: 'same-id' })).toBe(true);
  });

  it('VOU-5 no in-scope line with something left → not applicable', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 't1', 1000), addon('l2', 'a1', 500)],
        conditions: [percentCondition('free', 10000, { ticketTypeIds: ['t1'] })],
        voucher: fixedVoucher(300, { ticketTypeIds: ['t1'] }),
      }),
    );
    expect(result.voucher).toEqual({
      id: 'vou-1',
      code: 'SAVE',
      status: 'not_applicable',
      reasonCode: 'VOUCHER_NO_APPLICABLE_LINES',
      discount: 0,
    });
    expect(result.total).toBe(500);
  });

  it('D3.4 a fixed voucher is split only over participating lines, by what is left of each', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 't1', 3000), addon('l2', 'a1', 9999), ticket('l3', 't2', 1000)],
        conditions: [percentCondition('half', 5000, { ticketTypeIds: ['t1'] })],
        voucher: fixedVoucher(1000, { ticketTypeIds: ['t1', 't2'] }),
      }),
    );
    expect(result.lines.map((l) => l.voucherDiscount)).toEqual([600, 0, 400]);
  });
});
