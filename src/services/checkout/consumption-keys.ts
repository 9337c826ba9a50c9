import type { Conference } from '../../db/schema/index.ts';
import type { LockKey } from '../../db/locks.ts';
import type { PricingCondition, PricingVoucher } from '../../domain/pricing/index.ts';
import type { CartLine } from '../cart/index.ts';

/** D2.2: every resource this checkout consumes, so that counting happens under its lock. */
export function consumptionKeys(
  conference: Conference,
  buyerId: string,
  lines: readonly CartLine[],
  voucher: PricingVoucher | null,
  limitedConditions: readonly PricingCondition[],
  spendsCredit: boolean,
): LockKey[] {
  const keys: LockKey[] = lines.map((line) =>
    line.kind === 'ticket'
      ? { kind: 'ticket_type', id: line.product.id }
      : { kind: 'addon', id: line.product.id },
  );
  const hasTickets = lines.some((l) => l.kind === 'ticket');
  if (hasTickets && conference.totalCapacity > 0)
    keys.push({ kind: 'conference', id: conference.id });
  // The buyer's scope guards both the per-user limit and their credit balance.
  if (hasTickets || spendsCredit) keys.push({ kind: 'buyer', id: `${conference.id}:${buyerId}` });
  if (voucher) keys.push({ kind: 'voucher', id: voucher.id });
  for (const condition of limitedConditions) keys.push({ kind: 'condition', id: condition.id });
  return keys;
}
