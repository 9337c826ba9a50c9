import type { Money } from '../money.ts';

export type LineKind = 'ticket' | 'addon';

/** A cart line, given in creation order: that order decides every tie (D3.4, W-25). */
export interface PricingLine {
  readonly lineId: string;
  readonly kind: LineKind;
  /** Ticket type id for a ticket line, add-on id for an add-on line. */
  readonly productId: string;
  readonly description: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

/** Product scope of a voucher or a non-category condition (W-22 rule, see isInScope). */
export interface ProductScope {
  readonly ticketTypeIds: readonly string[];
  readonly addonIds: readonly string[];
}

export type ConditionKind =
  | 'time_or_stock'
  | 'speaker'
  | 'group_member'
  | 'included_product'
  | 'product_discount'
  | 'category_discount';

export type DiscountType = 'percentage' | 'fixed_amount';

export interface PricingCondition extends ProductScope {
  readonly id: string;
  readonly kind: ConditionKind;
  readonly name: string;
  /** Lower runs first (COND-1, D3.3). */
  readonly priority: number;
  readonly createdAt: Date;
  readonly isActive: boolean;
  /** null for category_discount, which only has a percentage (COND-9). */
  readonly discountType: DiscountType | null;
  readonly percentOffBp: number | null;
  readonly amountOff: Money | null;
  /** Units discounted per line; 0 = unlimited (COND-2). */
  readonly maxQuantity: number;
  readonly startTime: Date | null;
  readonly endTime: Date | null;
  /** Total discounted units allowed across all orders; 0 = unlimited (D3.6). */
  readonly usageLimit: number;
  /** Units already consumed by other orders, counted by the caller. */
  readonly unitsUsed: number;
  readonly isPresenter: boolean;
  readonly isCopresenter: boolean;
  readonly applyToTickets: boolean;
  readonly applyToAddons: boolean;
  readonly groupIds: readonly string[];
  readonly enablingTicketTypeIds: readonly string[];
}

export type VoucherKind = 'comp' | 'percentage' | 'fixed_amount';

export interface PricingVoucher extends ProductScope {
  readonly id: string;
  readonly code: string;
  readonly kind: VoucherKind;
  readonly percentOffBp: number | null;
  readonly amountOff: Money | null;
  readonly maxUses: number;
  /** Orders already counted against the voucher, counted by the caller (VOU-7). */
  readonly usesCount: number;
  readonly validFrom: Date | null;
  readonly validUntil: Date | null;
  readonly isActive: boolean;
  readonly unlocksHiddenTickets: boolean;
}

export interface BuyerFacts {
  readonly isSpeaker: boolean;
  /** Speaker on at least one talk of this conference with more than one speaker (COND-5). */
  readonly hasCoPresentedTalk: boolean;
  readonly groupIds: readonly string[];
  /** Ticket types in the buyer's PAID / PARTIALLY_REFUNDED orders; never the cart (COND-7). */
  readonly purchasedTicketTypeIds: readonly string[];
}

export interface PricingInput {
  readonly lines: readonly PricingLine[];
  /** Any order: the engine sorts them (D3.3). */
  readonly conditions: readonly PricingCondition[];
  readonly voucher: PricingVoucher | null;
  readonly buyer: BuyerFacts;
  readonly now: Date;
}

export type ConditionReasonCode =
  | 'EARLY_BIRD_WINDOW'
  | 'EARLY_BIRD_WINDOW_LIMIT_PARTIAL'
  | 'SPEAKER_PRESENTER'
  | 'SPEAKER_COPRESENTER'
  | 'GROUP_MEMBER'
  | 'INCLUDED_WITH_TICKET'
  | 'PRODUCT_DISCOUNT'
  | 'PRODUCT_DISCOUNT_LIMIT_PARTIAL'
  | 'CATEGORY_DISCOUNT'
  | 'CATEGORY_DISCOUNT_LIMIT_PARTIAL';

export type VoucherLineReasonCode = 'VOUCHER_COMP' | 'VOUCHER_PERCENTAGE' | 'VOUCHER_FIXED_SHARE';

export type VoucherInvalidReason =
  'VOUCHER_INACTIVE' | 'VOUCHER_USED_UP' | 'VOUCHER_NOT_YET_VALID' | 'VOUCHER_EXPIRED';

export type VoucherNotApplicableReason = 'VOUCHER_NO_APPLICABLE_LINES' | 'VOUCHER_ZERO_VALUE';

export type TraceStep =
  | {
      readonly kind: 'condition';
      readonly ruleId: string;
      readonly ruleName: string;
      readonly amountOff: Money;
      readonly reasonCode: ConditionReasonCode;
    }
  | {
      readonly kind: 'voucher';
      readonly ruleId: string;
      readonly ruleName: string;
      readonly amountOff: Money;
      readonly reasonCode: VoucherLineReasonCode;
    };

export interface PricedLine {
  readonly lineId: string;
  readonly kind: LineKind;
  readonly productId: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly subtotal: Money;
  readonly conditionDiscount: Money;
  readonly conditionId: string | null;
  readonly conditionName: string | null;
  /** Units the condition discounted on this line; what counts against its limit (D3.6). */
  readonly conditionUnits: number;
  readonly voucherDiscount: Money;
  readonly total: Money;
  readonly trace: readonly TraceStep[];
}

interface VoucherOutcomeBase {
  readonly id: string;
  readonly code: string;
  readonly discount: Money;
}

export type VoucherOutcome =
  | (VoucherOutcomeBase & { readonly status: 'applied' })
  | (VoucherOutcomeBase & {
      readonly status: 'not_applicable';
      readonly reasonCode: VoucherNotApplicableReason;
    })
  | (VoucherOutcomeBase & {
      readonly status: 'invalid';
      readonly reasonCode: VoucherInvalidReason;
    });

/** Units a condition discounted in this cart: what checkout consumes under lock (D3.6). */
export interface ConditionUsage {
  readonly conditionId: string;
  readonly units: number;
}

export interface PriceBreakdown {
  readonly lines: readonly PricedLine[];
  readonly subtotal: Money;
  readonly conditionDiscount: Money;
  readonly voucherDiscount: Money;
  readonly discount: Money;
  readonly total: Money;
  readonly voucher: VoucherOutcome | null;
  readonly conditionUsage: readonly ConditionUsage[];
}
