import { normaliseCode, randomCode } from '../../../domain/codes.ts';
import { manageErrors } from '../errors.ts';

export const RANDOM_PART_LENGTH = 8;
const ATTEMPTS_PER_CODE = 100;

/**
 * VOU-10 / D3.5: codes are trimmed and stored upper-case, so the unique index is case-blind and
 * lookups (which normalise the same way, D1.2) match whatever case the buyer types.
 */
export function normaliseVoucherCode(code: string): string {
  return normaliseCode(code);
}

/**
 * VOU-9: `count` codes `prefix + 8 random characters` (D1.2 alphabet, crypto random), avoiding
 * codes already taken and each other, with a bounded number of attempts per code. The unique
 * index still decides races with a concurrent writer.
 */
export function pickUniqueCodes(
  prefix: string,
  count: number,
  taken: ReadonlySet<string>,
  randomPart: () => string = () => randomCode(RANDOM_PART_LENGTH),
): string[] {
  const picked = new Set<string>();
  while (picked.size < count) {
    let attempts = 1;
    let code = prefix + randomPart();
    while (taken.has(code) || picked.has(code)) {
      if (attempts >= ATTEMPTS_PER_CODE) {
        throw manageErrors(
          'VOUCHER_CODES_EXHAUSTED',
          { prefix },
          `Could not generate a unique code for prefix "${prefix}". Try a different prefix.`,
        );
      }
      attempts += 1;
      code = prefix + randomPart();
    }
    picked.add(code);
  }
  return [...picked];
}
