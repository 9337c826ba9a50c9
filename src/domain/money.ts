/**
 * Money is a whole number of minor units of the conference currency (D1.1, C-1).
 * Only this module creates it; every operation re-checks the result so a float or an
 * unsafe integer can never leak into an amount.
 */
export type Money = number & { readonly __brand: 'Money' };

/** Basis points: 1 % = 100 bp, 100 % = 10 000 bp. */
export const FULL_BP = 10_000;

export function money(n: number): Money {
  if (!Number.isInteger(n)) {
    throw new RangeError(`Money must be an integer number of minor units, got ${n}`);
  }
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Money exceeds the safe integer range: ${n}`);
  }
  // -0 would make deep equality and JSON output surprising.
  return (n === 0 ? 0 : n) as Money;
}

export const ZERO: Money = money(0);

export function add(a: Money, b: Money): Money {
  return money(a + b);
}

export function sub(a: Money, b: Money): Money {
  return money(a - b);
}

export function times(m: Money, qty: number): Money {
  if (!Number.isSafeInteger(qty)) {
    throw new RangeError(`Quantity must be an integer, got ${qty}`);
  }
  // Both factors are integers, so the product is exact whenever it is a safe integer;
  // money() rejects it otherwise.
  return money(m * qty);
}

export function sum(list: readonly Money[]): Money {
  let total = ZERO;
  for (const m of list) total = add(total, m);
  return total;
}

export function min(a: Money, b: Money): Money {
  return a <= b ? a : b;
}

export function max(a: Money, b: Money): Money {
  return a >= b ? a : b;
}

function toMoney(n: bigint): Money {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Money exceeds the safe integer range: ${n}`);
  }
  return money(Number(n));
}

/**
 * amount × bp / 10 000, rounded half-up (away from zero) to the minor unit (C-1).
 * Computed in BigInt so that no intermediate product is ever rounded by a float.
 */
export function percentOf(amount: Money, bp: number): Money {
  if (!Number.isSafeInteger(bp) || bp < 0 || bp > FULL_BP) {
    throw new RangeError(`Basis points must be an integer in 0..${FULL_BP}, got ${bp}`);
  }
  const product = BigInt(amount) * BigInt(bp);
  const divisor = BigInt(FULL_BP);
  const quotient = product / divisor; // BigInt division truncates toward zero
  const remainder = product % divisor;
  const magnitude = remainder < 0n ? -remainder : remainder;
  if (magnitude * 2n >= divisor) {
    return toMoney(quotient + (product < 0n ? -1n : 1n));
  }
  return toMoney(quotient);
}

/**
 * Splits `total` in proportion to `weights` by largest remainder (D3.4): every part gets
 * floor(total × w / Σw), then the leftover minor units go one each to the largest remainders,
 * ties to the earlier index so the split is reproducible (W-25). When total ≤ Σw no part
 * exceeds its weight, so a voucher share never exceeds its line (W-13).
 */
export function allocate(total: Money, weights: readonly Money[]): Money[] {
  if (total < 0) throw new RangeError(`Cannot allocate a negative total: ${total}`);
  if (weights.some((w) => w < 0)) throw new RangeError('Allocation weights must be ≥ 0');
  const weightSum = weights.reduce((acc, w) => acc + BigInt(w), 0n);
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => ZERO);
    throw new RangeError(`Cannot allocate ${total} over weights that sum to zero`);
  }
  const big = BigInt(total);
  const floors = weights.map((w) => (big * BigInt(w)) / weightSum);
  const remainders = weights.map((w) => (big * BigInt(w)) % weightSum);
  let leftover = big - floors.reduce((acc, f) => acc + f, 0n);
  const byRemainder = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      if (ra !== rb) return ra > rb ? -1 : 1;
      return a - b;
    });
  const parts = [...floors];
  for (const i of byRemainder) {
    if (leftover === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map(toMoney);
}

// ISO 4217 currencies whose minor unit is the major unit (D1.1).
const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

export function minorUnitExponent(currency: string): 0 | 2 {
  return ZERO_DECIMAL_CURRENCIES.has(currency.trim().toUpperCase()) ? 0 : 2;
}

/**
 * Display text for an amount in the conference currency, e.g. `$1,234.50`, `¥5,000` (D1.1).
 * Only the edges (mail templates, web) call this. The decimal is built from the integer as a
 * string, so no division by 100 in floating point ever shows a wrong cent.
 */
export function formatMoney(amount: Money, currency: string, locale = 'en-US'): string {
  const code = currency.trim().toUpperCase();
  const exponent = minorUnitExponent(code);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  const decimal = `${amount < 0 ? '-' : ''}${whole}${fraction}` as `${number}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal);
}
