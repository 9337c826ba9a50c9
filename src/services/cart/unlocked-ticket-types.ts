import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import { findOpenCart } from './open-cart.ts';
import { loadCartVoucher, voucherGateOf } from './voucher-gate.ts';

/**
 * CAT-6 gap: the voucher-gated ticket types the buyer's cart voucher unlocks right now, so the
 * storefront can show them; 'all' when the voucher's ticket scope is empty.
 */
export async function unlockedTicketTypesFor(
  db: Database,
  userId: string,
  conference: Conference,
  now: Date,
): Promise<ReadonlySet<string> | 'all'> {
  const cart = await findOpenCart(db, userId, conference.id);
  if (!cart) return new Set();
  const gate = voucherGateOf(await loadCartVoucher(db, cart, now), now);
  if (!gate?.unlocks) return new Set();
  return gate.ticketTypeIds.length === 0 ? 'all' : new Set(gate.ticketTypeIds);
}
