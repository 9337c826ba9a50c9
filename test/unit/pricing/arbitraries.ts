import fc from 'fast-check';
import { money } from '../../../src/domain/money.ts';
import type {
  BuyerFacts,
  ConditionKind,
  PricingCondition,
  PricingInput,
  PricingLine,
  PricingVoucher,
} from '../../../src/domain/pricing/index.ts';
import { NOW, secondsFrom } from './builders.ts';

const TICKET_TYPES = ['t1', 't2', 't3'];
const ADDONS = ['a1', 'a2'];
const GROUPS = ['g1', 'g2'];
const KINDS: ConditionKind[] = [
  'time_or_stock',
  'speaker',
  'group_member',
  'included_product',
  'product_discount',
  'category_discount',
];

// Instants around NOW, boundaries included, so windows open and close in the generated cases.
const instant = fc.constantFrom(-86400, -1, 0, 1, 86400).map((s) => secondsFrom(NOW, s));
const maybeInstant = fc.oneof(
  { arbitrary: fc.constant(null), weight: 2 },
  { arbitrary: instant, weight: 1 },
);
// Mostly true, so most generated rules are live and the interesting paths get exercised.
const mostly = fc.integer({ min: 0, max: 9 }).map((n) => n > 0);
const cents = (max: number) => fc.integer({ min: 0, max }).map(money);

const lineArb = fc.record({
  kind: fc.constantFrom('ticket' as const, 'addon' as const),
  ticketType: fc.constantFrom(...TICKET_TYPES),
  addon: fc.constantFrom(...ADDONS),
  unitPrice: fc.oneof(cents(100), cents(200_000)),
  quantity: fc.integer({ min: 0, max: 12 }),
});

const linesArb: fc.Arbitrary<PricingLine[]> = fc.array(lineArb, { maxLength: 7 }).map((raw) =>
  raw.map((l, i) => ({
    lineId: `line-${i}`,
    kind: l.kind,
    productId: l.kind === 'ticket' ? l.ticketType : l.addon,
    description: `Line ${i}`,
    unitPrice: l.unitPrice,
    quantity: l.quantity,
  })),
);

const conditionBody = fc.record({
  kind: fc.constantFrom(...KINDS),
  priority: fc.integer({ min: -1, max: 1 }),
  createdAt: fc.constantFrom(0, 1).map((d) => secondsFrom(NOW, -86400 * (10 + d))),
  isActive: mostly,
  discountType: fc.constantFrom(
    'percentage' as const,
    'percentage' as const,
    'fixed_amount' as const,
    null,
  ),
  percentOffBp: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
  amountOff: fc.option(cents(50_000), { nil: null }),
  maxQuantity: fc.integer({ min: 0, max: 4 }),
  startTime: maybeInstant,
  endTime: maybeInstant,
  usageLimit: fc.integer({ min: 0, max: 10 }),
  unitsUsed: fc.integer({ min: 0, max: 12 }),
  isPresenter: fc.boolean(),
  isCopresenter: fc.boolean(),
  applyToTickets: fc.boolean(),
  applyToAddons: fc.boolean(),
  ticketTypeIds: fc.subarray(TICKET_TYPES),
  addonIds: fc.subarray(ADDONS),
  groupIds: fc.subarray(GROUPS),
  enablingTicketTypeIds: fc.subarray(TICKET_TYPES),
});

const conditionsArb: fc.Arbitrary<PricingCondition[]> = fc
  .array(conditionBody, { maxLength: 5 })
  .map((raw) => raw.map((c, i) => ({ ...c, id: `cond-${i}`, name: `Condition ${i}` })));

const voucherArb: fc.Arbitrary<PricingVoucher | null> = fc.option(
  fc.record({
    id: fc.constant('vou'),
    code: fc.constant('CODE'),
    kind: fc.constantFrom('comp' as const, 'percentage' as const, 'fixed_amount' as const),
    percentOffBp: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
    amountOff: fc.option(fc.oneof(cents(500), cents(1_000_000)), { nil: null }),
    maxUses: fc.integer({ min: 0, max: 20 }),
    usesCount: fc.integer({ min: 0, max: 2 }),
    validFrom: maybeInstant,
    validUntil: maybeInstant,
    isActive: mostly,
    unlocksHiddenTickets: fc.boolean(),
    ticketTypeIds: fc.subarray(TICKET_TYPES),
    addonIds: fc.subarray(ADDONS),
  }),
  { nil: null },
);

const buyerArb: fc.Arbitrary<BuyerFacts> = fc.record({
  isSpeaker: mostly,
  hasCoPresentedTalk: fc.boolean(),
  groupIds: fc.subarray(GROUPS),
  purchasedTicketTypeIds: fc.subarray(TICKET_TYPES),
});

export const pricingInputArb: fc.Arbitrary<PricingInput> = fc.record({
  lines: linesArb,
  conditions: conditionsArb,
  voucher: voucherArb,
  buyer: buyerArb,
  now: fc.constantFrom(-1, 0, 1).map((s) => secondsFrom(NOW, s)),
});
