import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { vouchers, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { manageErrors } from '../errors.ts';
import { codeTakenOn } from './code-taken.ts';
import { normaliseVoucherCode } from './codes.ts';
import { getManagedVoucher, getVoucherRowOrThrow, type ManagedVoucher } from './list-vouchers.ts';
import { voucherColumns } from './voucher-columns.ts';
import type { VoucherPatch } from './voucher-fields.ts';
import { replaceVoucherScope } from './voucher-scope.ts';

/**
 * Changes only the given fields. Changing the kind clears the value of the old kind; orders
 * already placed keep their own snapshot of the voucher (VOU-8), so edits never reprice them.
 */
export async function updateVoucher(
  db: Database,
  conference: Conference,
  id: string,
  patch: VoucherPatch,
  now: Date,
): Promise<ManagedVoucher> {
  const current = await getVoucherRowOrThrow(db, conference.id, id);
  const code = patch.code === undefined ? current.code : normaliseVoucherCode(patch.code);
  const columns = voucherColumns(patch, current);
  await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const updated = await tx
          .update(vouchers)
          .set({ ...columns, code, updatedAt: sql`now()` })
          .where(and(eq(vouchers.conferenceId, conference.id), eq(vouchers.id, id)))
          .returning({ id: vouchers.id });
        if (updated.length === 0) throw manageErrors('VOUCHER_NOT_FOUND', { id });
        await replaceVoucherScope(tx, conference.id, [id], patch);
      }),
    codeTakenOn(code),
  );
  return getManagedVoucher(db, conference, id, now);
}
