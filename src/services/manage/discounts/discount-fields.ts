import type { ConditionKind, DiscountType } from '../../../domain/pricing/index.ts';

/** COND-1..COND-9 in one resource; which fields a kind accepts is decided in kind-fields.ts. */
export interface DiscountInput {
  kind: ConditionKind;
  name: string;
  description?: string | undefined;
  isActive?: boolean | undefined;
  /** Lower runs first (COND-1, D3.3). */
  priority?: number | undefined;
  discountType?: DiscountType | undefined;
  percentOff?: number | null | undefined;
  amountOff?: number | null | undefined;
  maxQuantity?: number | undefined;
  startTime?: Date | null | undefined;
  endTime?: Date | null | undefined;
  /** Discounted units across all orders; 0 = unlimited (D3.6). */
  usageLimit?: number | undefined;
  isPresenter?: boolean | undefined;
  isCopresenter?: boolean | undefined;
  applyToTickets?: boolean | undefined;
  applyToAddons?: boolean | undefined;
  ticketTypeIds?: string[] | undefined;
  addonIds?: string[] | undefined;
  groupIds?: string[] | undefined;
  enablingTicketTypeIds?: string[] | undefined;
}

/** A PATCH: only given fields change; a given id list replaces that whole set. */
export type DiscountPatch = Partial<DiscountInput>;

/** Fields that only some kinds have. */
export type KindField = Exclude<
  keyof DiscountInput,
  'kind' | 'name' | 'description' | 'isActive' | 'priority'
>;
