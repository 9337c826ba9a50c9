import type { UniqueViolationMap } from '../common/constraint-errors.ts';
import { manageErrors } from '../errors.ts';
import { VOUCHER_CODE_UNIQUE } from './voucher-columns.ts';

/** VOU-10 / D3.5: codes are unique per conference; upper-case storage makes that case-blind. */
export function codeTakenOn(code: string): UniqueViolationMap {
  return {
    [VOUCHER_CODE_UNIQUE]: () =>
      manageErrors(
        'VOUCHER_CODE_TAKEN',
        { field: 'code', code },
        `Another voucher of this conference already uses the code "${code}" (codes ignore case).`,
      ),
  };
}
