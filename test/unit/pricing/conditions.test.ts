import { describe, expect, it } from 'vitest';
import { money } from '../../../src/domain/money.ts';
import {
  conditionQualifies,
  orderConditions,
  priceCart,
  type BuyerFacts,
  type PricingCondition,
} from '../../../src/domain/pricing/index.ts';
import {
  ANONYMOUS,
  NOW,
  addon,
  condition,
  percentCondition,
  pricingInput,
  secondsFrom,
  ticket,
} from './builders.ts';

function priceOne(conditions: PricingCondition[], quantity = 1, buyer: BuyerFacts = ANONYMOUS) {
  return priceCart(
    pricingInput({ lines: [ticket('l1', 't1', 5000, quantity)], conditions, buyer }),
  );
}

describe('COND-3 effect formula', () => {
  it.each([
    { name: '25 % of 2 × 50.00', cond: { percentOffBp: 2500 }, qty: 2, off: 2500, units: 2 },
    {
      name: 'percentage above 100 % is clamped',
      cond: { percentOffBp: 15000 },
      qty: 2,
      off: 10000,
      units: 2,
    },
    {
      name: 'fixed amount per unit',
      cond: { discountType: 'fixed_amount' as const, amountOff: money(700) },
      qty: 3,
      off: 2100,
      units: 3,
    },
    {
      name: 'fixed amount above the unit price is clamped to it',
      cond: { discountType: 'fixed_amount' as const, amountOff: money(7000) },
      qty: 2,
      off: 10000,
      units: 2,
    },
    {
      name: 'max_quantity caps the units',
      cond: { percentOffBp: 5000, maxQuantity: 2 },
      qty: 5,
      off: 5000,
      units: 2,
    },
    {
      name: 'max_quantity above the quantity',
      cond: { percentOffBp: 5000, maxQuantity: 9 },
      qty: 1,
      off: 2500,
      units: 1,
    },
  ])('COND-3 $name', ({ cond, qty, off, units }) => {
    const line = priceOne([condition(cond)], qty).lines[0];
    expect(line?.conditionDiscount).toBe(off);
    expect(line?.conditionUnits).toBe(units);
    expect(line?.trace[0]?.reasonCode).toBe('PRODUCT_DISCOUNT');
  });

  it('COND-3 a condition without a discount type discounts nothing', () => {
    expect(priceOne([condition({ discountType: null, percentOffBp: 5000 })]).discount).toBe(0);
  });

  it('COND-9 category discount: flags decide the scope, over 100 % is capped at the line (PRICE-4)', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 't1', 1000, 3), addon('l2', 'a1', 500)],
        conditions: [
          condition({
            kind: 'category_discount',
            discountType: null,
            percentOffBp: 99999,
            maxQuantity: 1,
            applyToAddons: false,
            ticketTypeIds: ['other'],
          }),
        ],
      }),
    );
    expect(result.lines.map((l) => [l.conditionDiscount, l.conditionUnits])).toEqual([
      [3000, 3],
      [0, 0],
    ]);
    expect(result.lines[0]?.trace[0]?.reasonCode).toBe('CATEGORY_DISCOUNT');
  });
});

describe('COND-10 evaluation order, first match wins', () => {
  it('COND-10 a higher-priority small discount beats a lower-priority large one', () => {
    const result = priceOne([
      percentCondition('big', 5000, { priority: 2 }),
      percentCondition('small', 1000, { priority: 1 }),
    ]);
    expect(result.lines[0]).toMatchObject({ conditionId: 'small', conditionDiscount: 500 });
    expect(result.lines[0]?.trace).toHaveLength(1);
  });

  it('D3.3 equal priority: the earlier-created condition wins, then the smaller id', () => {
    const older = percentCondition('z-older', 1000, { createdAt: new Date('2025-01-01') });
    const newer = percentCondition('a-newer', 2000, { createdAt: new Date('2025-02-01') });
    expect(priceOne([newer, older]).lines[0]?.conditionId).toBe('z-older');
    const twinA = percentCondition('a', 1000);
    const twinB = percentCondition('b', 2000);
    expect(priceOne([twinB, twinA]).lines[0]?.conditionId).toBe('a');
    // The twins were created in 2026, after both 2025 conditions.
    expect(orderConditions([twinB, newer, twinA, older]).map((c) => c.id)).toEqual([
      'z-older',
      'a-newer',
      'a',
      'b',
    ]);
  });

  it('COND-10 a zero discount leaves the line open for the next condition', () => {
    const result = priceOne([
      percentCondition('zero', 0, { priority: 0 }),
      percentCondition('twenty', 2000, { priority: 1 }),
    ]);
    expect(result.lines[0]?.conditionId).toBe('twenty');
    expect(result.conditionUsage).toEqual([{ conditionId: 'twenty', units: 1 }]);
  });

  it('COND-10 each line takes its own first match; conditions never stack', () => {
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 't1', 1000), ticket('l2', 't2', 1000), addon('l3', 'a1', 1000)],
        conditions: [
          percentCondition('only-t2', 5000, { priority: 0, ticketTypeIds: ['t2'] }),
          percentCondition('everything', 1000, { priority: 1 }),
        ],
      }),
    );
    expect(result.lines.map((l) => l.conditionId)).toEqual(['everything', 'only-t2', 'everything']);
    expect(result.conditionUsage).toEqual([
      { conditionId: 'only-t2', units: 1 },
      { conditionId: 'everything', units: 2 },
    ]);
  });

  it('COND-1 inactive conditions never apply', () => {
    expect(priceOne([percentCondition('off', 5000, { isActive: false })]).discount).toBe(0);
  });
});

describe('COND-4 / COND-8 window and limit', () => {
  it.each([
    { name: 'open window', start: -60, end: 60, limit: 0, used: 0, applies: true },
    { name: 'C-2 starts exactly now', start: 0, end: null, limit: 0, used: 0, applies: true },
    { name: 'C-2 ends exactly now', start: null, end: 0, limit: 0, used: 0, applies: true },
    { name: 'C-2 starts one second later', start: 1, end: null, limit: 0, used: 0, applies: false },
    { name: 'C-2 ended one second ago', start: null, end: -1, limit: 0, used: 0, applies: false },
    { name: 'limit not reached', start: null, end: null, limit: 5, used: 4, applies: true },
    { name: 'limit reached', start: null, end: null, limit: 5, used: 5, applies: false },
  ])('COND-4 $name', ({ start, end, limit, used, applies }) => {
    const c = percentCondition('eb', 2000, {
      kind: 'time_or_stock',
      startTime: start === null ? null : secondsFrom(NOW, start),
      endTime: end === null ? null : secondsFrom(NOW, end),
      usageLimit: limit,
      unitsUsed: used,
    });
    expect(conditionQualifies(c, ANONYMOUS, NOW)).toBe(applies);
    expect(priceOne([c]).discount).toBe(applies ? 1000 : 0);
  });
});

describe('D3.6 unit allowance', () => {
  const earlyBird = (limit: number, used: number) =>
    percentCondition('eb', 5000, {
      kind: 'time_or_stock',
      name: 'Early bird',
      usageLimit: limit,
      unitsUsed: used,
    });

  it('D3.6 a cart beyond the remaining allowance is discounted on the remaining units only', () => {
    const result = priceOne([earlyBird(10, 7)], 5);
    expect(result.lines[0]).toMatchObject({ conditionDiscount: 7500, conditionUnits: 3 });
    expect(result.lines[0]?.trace[0]?.reasonCode).toBe('EARLY_BIRD_WINDOW_LIMIT_PARTIAL');
    expect(result.conditionUsage).toEqual([{ conditionId: 'eb', units: 3 }]);
  });

  it('D3.6 the allowance is shared across lines in cart order; the rest falls to the next condition', () => {
    const result = priceCart(
      pricingInput({
        lines: [
          ticket('l1', 't1', 1000, 2),
          ticket('l2', 't1', 1000, 2),
          ticket('l3', 't1', 1000, 1),
        ],
        conditions: [earlyBird(10, 7), percentCondition('fallback', 1000, { priority: 5 })],
      }),
    );
    expect(
      result.lines.map((l) => [
        l.conditionId,
        l.conditionUnits,
        l.conditionDiscount,
        l.trace[0]?.reasonCode,
      ]),
    ).toEqual([
      ['eb', 2, 1000, 'EARLY_BIRD_WINDOW'],
      ['eb', 1, 500, 'EARLY_BIRD_WINDOW_LIMIT_PARTIAL'],
      ['fallback', 1, 100, 'PRODUCT_DISCOUNT'],
    ]);
    expect(result.conditionUsage).toEqual([
      { conditionId: 'eb', units: 3 },
      { conditionId: 'fallback', units: 1 },
    ]);
  });

  it('D3.6 unlimited kinds ignore usage counters', () => {
    const speaker = percentCondition('spk', 5000, { kind: 'speaker', usageLimit: 1, unitsUsed: 1 });
    const buyer = { ...ANONYMOUS, isSpeaker: true };
    expect(priceOne([speaker], 4, buyer).lines[0]?.conditionUnits).toBe(4);
  });
});

describe('COND-5 speaker', () => {
  it.each([
    {
      presenter: true,
      copresenter: false,
      speaker: true,
      shared: false,
      reason: 'SPEAKER_PRESENTER',
    },
    { presenter: true, copresenter: false, speaker: false, shared: false, reason: null },
    {
      presenter: false,
      copresenter: true,
      speaker: true,
      shared: true,
      reason: 'SPEAKER_COPRESENTER',
    },
    { presenter: false, copresenter: true, speaker: true, shared: false, reason: null },
    { presenter: false, copresenter: true, speaker: false, shared: true, reason: null },
    { presenter: false, copresenter: false, speaker: true, shared: true, reason: null },
    {
      presenter: true,
      copresenter: true,
      speaker: true,
      shared: true,
      reason: 'SPEAKER_PRESENTER',
    },
  ])(
    'COND-5 presenter=$presenter copresenter=$copresenter speaker=$speaker shared talk=$shared → $reason',
    ({ presenter, copresenter, speaker, shared, reason }) => {
      const c = percentCondition('spk', 10000, {
        kind: 'speaker',
        isPresenter: presenter,
        isCopresenter: copresenter,
      });
      const buyer = { ...ANONYMOUS, isSpeaker: speaker, hasCoPresentedTalk: shared };
      expect(conditionQualifies(c, buyer, NOW)).toBe(reason !== null);
      expect(priceOne([c], 1, buyer).lines[0]?.trace[0]?.reasonCode ?? null).toBe(reason);
    },
  );
});

describe('COND-6 group member / COND-7 included product', () => {
  it.each([
    { groups: [], member: ['staff'], applies: false },
    { groups: ['staff', 'press'], member: ['press'], applies: true },
    { groups: ['staff'], member: ['press'], applies: false },
  ])('COND-6 groups $groups, buyer in $member → $applies', ({ groups, member, applies }) => {
    const c = percentCondition('grp', 5000, { kind: 'group_member', groupIds: groups });
    const buyer = { ...ANONYMOUS, groupIds: member };
    expect(conditionQualifies(c, buyer, NOW)).toBe(applies);
    expect(priceOne([c], 1, buyer).lines[0]?.trace[0]?.reasonCode ?? null).toBe(
      applies ? 'GROUP_MEMBER' : null,
    );
  });

  it.each([
    { enabling: [], purchased: ['conf'], applies: false },
    { enabling: ['conf', 'vip'], purchased: ['vip'], applies: true },
    { enabling: ['conf'], purchased: ['tutorial'], applies: false },
  ])(
    'COND-7 enabling $enabling, purchased $purchased → $applies',
    ({ enabling, purchased, applies }) => {
      const c = percentCondition('inc', 10000, {
        kind: 'included_product',
        enablingTicketTypeIds: enabling,
      });
      const buyer = { ...ANONYMOUS, purchasedTicketTypeIds: purchased };
      expect(conditionQualifies(c, buyer, NOW)).toBe(applies);
    },
  );

  it('COND-7 an enabling ticket in the current cart does not count', () => {
    const c = percentCondition('inc', 10000, {
      kind: 'included_product',
      enablingTicketTypeIds: ['conf'],
      addonIds: ['lunch'],
    });
    const result = priceCart(
      pricingInput({
        lines: [ticket('l1', 'conf', 30000), addon('l2', 'lunch', 2000)],
        conditions: [c],
      }),
    );
    expect(result.discount).toBe(0);
    const owner = { ...ANONYMOUS, purchasedTicketTypeIds: ['conf'] };
    const again = priceCart(
      pricingInput({ lines: [addon('l2', 'lunch', 2000)], conditions: [c], buyer: owner }),
    );
    expect(again.lines[0]?.trace[0]?.reasonCode).toBe('INCLUDED_WITH_TICKET');
    expect(again.total).toBe(0);
  });
});

describe('W-22 scope of conditions', () => {
  const lines = [
    ticket('l1', 't1', 1000),
    ticket('l2', 't2', 1000),
    addon('l3', 'a1', 1000),
    addon('l4', 'a2', 1000),
  ];
  it.each([
    { name: 'both sets empty: everything', tickets: [], addons: [], hit: [true, true, true, true] },
    {
      name: 'ticket type only: add-ons excluded',
      tickets: ['t1'],
      addons: [],
      hit: [true, false, false, false],
    },
    {
      name: 'add-on only: tickets excluded',
      tickets: [],
      addons: ['a2'],
      hit: [false, false, false, true],
    },
    { name: 'both listed', tickets: ['t2'], addons: ['a1'], hit: [false, true, true, false] },
  ])('W-22 $name', ({ tickets, addons, hit }) => {
    const c = percentCondition('c', 5000, { ticketTypeIds: tickets, addonIds: addons });
    const result = priceCart(pricingInput({ lines, conditions: [c] }));
    expect(result.lines.map((l) => l.conditionDiscount > 0)).toEqual(hit);
  });
});
