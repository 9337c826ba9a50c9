import { toBasisPoints } from '../../../domain/amounts.ts';
import { FULL_BP } from '../../../domain/money.ts';

/** The API speaks percent with up to two decimals; the database stores basis points (D3.5). */
export function percentToBp(percent: number): number {
  // The same exact decimal conversion as the bootstrap file: no float multiplication (D1.1).
  const bp = toBasisPoints(percent);
  if (bp === undefined)
    throw new RangeError(`${percent} is not a percentage from 0 to 100 with at most 2 decimals`);
  return bp;
}

export function bpToPercent(bp: number | null): number | null {
  return bp === null ? null : bp / (FULL_BP / 100);
}
