import { FULL_BP } from '../../../domain/money.ts';

/** The API speaks percent with up to two decimals; the database stores basis points (D3.5). */
export function percentToBp(percent: number): number {
  return Math.round(percent * (FULL_BP / 100));
}

export function bpToPercent(bp: number | null): number | null {
  return bp === null ? null : bp / (FULL_BP / 100);
}
