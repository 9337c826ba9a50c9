import type { VoucherKind } from '../../../domain/pricing/index.ts';

/** VOU-1 settings shared by a single voucher and a bulk batch (VOU-9). */
export interface VoucherSettings {
  kind?: VoucherKind | undefined;
  /** Percent 0–100 (percentage vouchers only). */
  percentOff?: number | null | undefined;
  /** Minor units (fixed_amount vouchers only). */
  amountOff?: number | null | undefined;
  /** 0 = never valid (VOU-1). */
  maxUses?: number | undefined;
  validFrom?: Date | null | undefined;
  validUntil?: Date | null | undefined;
  unlocksHiddenTickets?: boolean | undefined;
  isActive?: boolean | undefined;
  note?: string | undefined;
  /** Scope; both empty = every product (C-3 as fixed for W-22 in domain/pricing/scope.ts). */
  ticketTypeIds?: string[] | undefined;
  addonIds?: string[] | undefined;
}

export interface VoucherInput extends VoucherSettings {
  code: string;
}

/** A PATCH: only given fields change; a given scope list replaces that whole set. */
export type VoucherPatch = Partial<VoucherInput>;
