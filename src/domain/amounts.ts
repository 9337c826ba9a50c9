import { FULL_BP } from './money.ts';

// A plain non-negative decimal: no sign, no exponent, no thousands separators.
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * The decimal text of a TOML value. A float goes through its shortest round-trip string
 * (`String(449.5)` is "449.5"), so 0.29 reads as "0.29" and never as 0.28999…; multiplying the
 * float by 100 would give 28.999999999999996 (C-1, D1.1: no floats for money).
 */
function decimalText(input: unknown): string | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? String(input) : undefined;
  if (typeof input === 'string') return input.trim();
  return undefined;
}

/**
 * A major-unit amount ("449.50", 449.5, 450) as exact integer minor units for a currency with
 * `exponent` decimals, or undefined when it is negative, not a number, has more significant
 * decimals than the currency allows (CONF-4: an error, never rounded) or is too large.
 * Trailing zeros are not significant: "450.0" is a whole amount even in JPY.
 */
export function toMinorUnits(input: unknown, exponent: number): number | undefined {
  const text = decimalText(input);
  const match = text === undefined ? null : DECIMAL.exec(text);
  if (!match) return undefined;
  const whole = match[1] ?? '';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return undefined;
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/** A percentage from 0 to 100 with at most 2 decimals as basis points (12.5 → 1250). */
export function toBasisPoints(input: unknown): number | undefined {
  const bp = toMinorUnits(input, 2);
  return bp !== undefined && bp <= FULL_BP ? bp : undefined;
}
