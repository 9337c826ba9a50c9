/**
 * Rules about what an organiser may define, shared by the organiser API (`services/manage`) and
 * the bootstrap file (`services/bootstrap`): each side reports a broken rule its own way (field
 * errors, file diagnostics), but the rule itself is stated here once.
 */

/** How a voucher (VOU-2) or a condition effect (COND-2) takes money off. */
export type ValueType = 'comp' | 'percentage' | 'fixed_amount';

/** The value each type takes (D3.5): a percentage, an amount, or none (a comp makes items free). */
export const VALUE_TAKEN: Readonly<Record<ValueType, 'percent' | 'amount' | null>> = {
  comp: null,
  percentage: 'percent',
  fixed_amount: 'amount',
};

/** Names, of products, discounts and questions alike. */
export const NAME_MAX_LENGTH = 200;

/** Quantities, limits and counts are stored in a PostgreSQL integer and are never negative. */
export const MAX_COUNT = 2_147_483_647;

/** Percentages: 0–100 with at most two decimals, stored as basis points (D3.5). */
export const MAX_PERCENT = 100;
export const PERCENT_STEP = 0.01;

// VOU-10 / D1.2: codes are typed by buyers and matched case-blind after trimming (normaliseCode).
export const VOUCHER_CODE_MAX_LENGTH = 100;
const CODE_CHARACTER = '[A-Za-z0-9_-]';
export const VOUCHER_CODE_PATTERN = new RegExp(`^${CODE_CHARACTER}+$`);
/** Bulk codes are a prefix (possibly empty) and random characters from the same set (VOU-9). */
export const VOUCHER_PREFIX_PATTERN = new RegExp(`^${CODE_CHARACTER}*$`);
export const VOUCHER_CODE_CHARACTERS = 'may contain only letters, digits, "-" and "_"';
