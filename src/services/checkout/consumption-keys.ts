import type { Conference } from '../../db/schema/index.ts';
import type { LockKey } from '../../db/locks.ts';

/**
 * D2.2: every resource an order consumes, so that counting happens under its lock. Checkout
 * passes its cart; a late payment passes the lines, voucher and conditions of the order it revives.
 */
export function consumptionKeys(
  conference: Pick<Conference, 'id' | 'totalCapacity'>,
  buyerId: string,
  lines: ReadonlyArray<{ kind: 'ticket' | 'addon'; product: { id: string } }>,
  voucher: { id: string } | null,
  limitedConditions: ReadonlyArray<{ id: string }>,
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
