import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { vouchers, type Conference } from '../../../db/schema/index.ts';
import { manageErrors } from '../errors.ts';

/**
 * Orders that used the voucher keep its code and details as a snapshot (VOU-8) and lose only the
 * reference; carts holding it simply lose the voucher.
 */
export async function deleteVoucher(
  db: Database,
  conference: Conference,
  id: string,
): Promise<void> {
  const deleted = await db
    .delete(vouchers)
    .where(and(eq(vouchers.conferenceId, conference.id), eq(vouchers.id, id)))
    .returning({ id: vouchers.id });
  if (deleted.length === 0) throw manageErrors('VOUCHER_NOT_FOUND', { id });
}
