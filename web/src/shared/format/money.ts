import { formatMoney as formatMinorUnits, money } from '../../../../src/domain/money.ts';

/** An API amount (integer minor units) in the conference currency, e.g. `$1,234.50`. */
export function formatMoney(amount: number, currency: string): string {
  return formatMinorUnits(money(amount), currency);
}
