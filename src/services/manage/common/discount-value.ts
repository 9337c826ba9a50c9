import { VALUE_TAKEN, type ValueType } from '../../../domain/offer-rules.ts';
import { manageErrors } from '../errors.ts';
import { invalidField } from './field-errors.ts';
import { patched } from './patch.ts';
import { percentToBp } from './percent.ts';

export type { ValueType };

export interface GivenValue {
  /** Percent, 0–100 with up to two decimals. */
  percentOff?: number | null | undefined;
  /** Minor units. */
  amountOff?: number | null | undefined;
}

export interface StoredValue {
  type: ValueType | null;
  percentOffBp: number | null;
  amountOff: number | null;
}

export interface ResolvedValue {
  percentOffBp: number | null;
  amountOff: number | null;
}

const LABEL: Record<ValueType, string> = {
  comp: 'comp',
  percentage: 'percentage',
  fixed_amount: 'fixed-amount',
};

const isGiven = <T>(value: T | null | undefined): value is T =>
  value !== undefined && value !== null;

/** How the caller names things in messages: "voucher"/"kind", "speaker discount"/"discountType". */
export interface ValueWording {
  noun: string;
  typeField: string;
}

function refuseForeignValue(type: ValueType, given: GivenValue, wording: ValueWording): void {
  const takes = VALUE_TAKEN[type];
  const foreign = [
    takes !== 'percent' && isGiven(given.percentOff) ? 'percentOff' : '',
    takes !== 'amount' && isGiven(given.amountOff) ? 'amountOff' : '',
  ].filter((field) => field !== '');
  if (foreign.length === 0) return;
  throw manageErrors(
    'FIELD_NOT_ALLOWED',
    { type, fields: foreign },
    `A ${LABEL[type]} ${wording.noun} has no ${foreign.join(' or ')}. ` +
      `Remove it or change ${wording.typeField}.`,
  );
}

/**
 * The stored value columns for `type`: the value that fits the type is required (given now, or
 * kept from a stored value of the same type); a value of another type is refused, never silently
 * dropped; the column that does not fit is cleared, so switching type leaves no stale value.
 */
export function resolveDiscountValue(
  type: ValueType,
  given: GivenValue,
  stored: StoredValue | null,
  wording: ValueWording,
): ResolvedValue {
  refuseForeignValue(type, given, wording);
  const { noun } = wording;
  const keep = stored?.type === type ? stored : null;
  const takes = VALUE_TAKEN[type];
  if (takes === 'percent') {
    const givenBp = isGiven(given.percentOff) ? percentToBp(given.percentOff) : given.percentOff;
    const percentOffBp = patched(givenBp, keep?.percentOffBp ?? null);
    if (percentOffBp === null) {
      throw invalidField('percentOff', `is required for a percentage ${noun}`);
    }
    return { percentOffBp, amountOff: null };
  }
  if (takes === 'amount') {
    const amountOff = patched(given.amountOff, keep?.amountOff ?? null);
    if (amountOff === null) {
      throw invalidField('amountOff', `is required for a fixed-amount ${noun}`);
    }
    return { percentOffBp: null, amountOff };
  }
  return { percentOffBp: null, amountOff: null };
}
