import { money } from '../../../src/domain/money.ts';
import type {
  BuyerFacts,
  PricingCondition,
  PricingInput,
  PricingLine,
  PricingVoucher,
} from '../../../src/domain/pricing/index.ts';

export const NOW = new Date('2026-06-01T12:00:00.000Z');

export function secondsFrom(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}

export function ticket(
  lineId: string,
  productId: string,
  cents: number,
  quantity = 1,
): PricingLine {
  return {
    lineId,
    kind: 'ticket',
    productId,
    description: `Ticket ${productId}`,
    unitPrice: money(cents),
    quantity,
  };
}

export function addon(lineId: string, productId: string, cents: number, quantity = 1): PricingLine {
  return {
    ...ticket(lineId, productId, cents, quantity),
    kind: 'addon',
    description: `Add-on ${productId}`,
  };
}

/** A 0 % product discount for everyone, unscoped and unlimited; override what the test is about. */
export function condition(overrides: Partial<PricingCondition> = {}): PricingCondition {
  return {
    id: 'cond-1',
    kind: 'product_discount',
    name: 'Discount',
    priority: 0,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    isActive: true,
    discountType: 'percentage',
    percentOffBp: 0,
    amountOff: null,
    maxQuantity: 0,
    startTime: null,
    endTime: null,
    usageLimit: 0,
    unitsUsed: 0,
    isPresenter: true,
    isCopresenter: false,
    applyToTickets: true,
    applyToAddons: true,
    ticketTypeIds: [],
    addonIds: [],
    groupIds: [],
    enablingTicketTypeIds: [],
    ...overrides,
  };
}

export function percentCondition(
  id: string,
  bp: number,
  overrides: Partial<PricingCondition> = {},
): PricingCondition {
  return condition({ id, name: `${bp / 100}% off`, percentOffBp: bp, ...overrides });
}

/** A usable, unscoped comp voucher with uses left; override what the test is about. */
export function voucher(overrides: Partial<PricingVoucher> = {}): PricingVoucher {
  return {
    id: 'vou-1',
    code: 'SAVE',
    kind: 'comp',
    percentOffBp: null,
    amountOff: null,
    maxUses: 1,
    usesCount: 0,
    validFrom: null,
    validUntil: null,
    isActive: true,
    unlocksHiddenTickets: false,
    ticketTypeIds: [],
    addonIds: [],
    ...overrides,
  };
}

export function fixedVoucher(
  cents: number,
  overrides: Partial<PricingVoucher> = {},
): PricingVoucher {
  return voucher({ kind: 'fixed_amount', amountOff: money(cents), ...overrides });
}

export function percentVoucher(
  bp: number,
  overrides: Partial<PricingVoucher> = {},
): PricingVoucher {
  return voucher({ kind: 'percentage', percentOffBp: bp, ...overrides });
}

export const ANONYMOUS: BuyerFacts = {
  isSpeaker: false,
  hasCoPresentedTalk: false,
  groupIds: [],
  purchasedTicketTypeIds: [],
};

export function pricingInput(overrides: Partial<PricingInput> = {}): PricingInput {
  return { lines: [], conditions: [], voucher: null, buyer: ANONYMOUS, now: NOW, ...overrides };
}
