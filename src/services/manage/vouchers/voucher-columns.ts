import type { Voucher } from '../../../db/schema/index.ts';
import { resolveDiscountValue } from '../common/discount-value.ts';
import { patched } from '../common/patch.ts';
import { assertWindowOrdered } from '../common/window.ts';
import type { VoucherSettings } from './voucher-fields.ts';

export const VOUCHER_WINDOW = { fromField: 'validFrom', untilField: 'validUntil' };
export const VOUCHER_CODE_UNIQUE = 'vouchers_conference_code_unique';

/**
 * The voucher columns to write for new settings over `current` (null on create), validated as a
 * whole (D3.5): the value fits the kind (VOU-2) and the merged window is ordered. Absent fields
 * stay undefined, so the insert takes the column default and the update leaves them alone.
 */
export function voucherColumns(settings: VoucherSettings, current: Voucher | null) {
  const kind = settings.kind ?? current?.kind ?? 'comp';
  const stored = current
    ? { type: current.kind, percentOffBp: current.percentOffBp, amountOff: current.amountOff }
    : null;
  const value = resolveDiscountValue(kind, settings, stored, {
    noun: 'voucher',
    typeField: 'kind',
  });
  assertWindowOrdered(
    patched(settings.validFrom, current?.validFrom ?? null),
    patched(settings.validUntil, current?.validUntil ?? null),
    VOUCHER_WINDOW,
  );
  return {
    kind,
    percentOffBp: value.percentOffBp,
    amountOff: value.amountOff,
    maxUses: settings.maxUses,
    validFrom: settings.validFrom,
    validUntil: settings.validUntil,
    unlocksHiddenTickets: settings.unlocksHiddenTickets,
    isActive: settings.isActive,
    note: settings.note,
  };
}
