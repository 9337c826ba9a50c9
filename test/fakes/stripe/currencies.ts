import { invalidRequest } from './errors.ts';

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

// Stripe's published minimum charge amounts, in minor units; 50 elsewhere.
const MINIMUM_AMOUNT: Record<string, number> = {
  gbp: 30,
  dkk: 250,
  nok: 300,
  sek: 300,
  pln: 200,
  czk: 1500,
  huf: 17500,
  mxn: 1000,
  hkd: 400,
  jpy: 50,
};

const MAXIMUM_AMOUNT = 99_999_999;

export function formatMinorUnits(amount: number, currency: string): string {
  const exponent = ZERO_DECIMAL.has(currency) ? 0 : 2;
  return `${(amount / 10 ** exponent).toFixed(exponent)} ${currency}`;
}

export function assertChargeableAmount(amount: number, currency: string): void {
  const minimum = MINIMUM_AMOUNT[currency] ?? 50;
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatMinorUnits(minimum, currency)}`, {
      code: 'amount_too_small',
      param: 'amount',
    });
  }
  if (amount > MAXIMUM_AMOUNT) {
    throw invalidRequest(
      `Amount must be no more than ${formatMinorUnits(MAXIMUM_AMOUNT, currency)}`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
}

export function assertCurrency(currency: string): string {
  const lower = currency.toLowerCase();
  if (!/^[a-z]{3}$/.test(lower)) {
    throw invalidRequest(`Invalid currency: ${currency}.`, { param: 'currency', validation: true });
  }
  return lower;
}
