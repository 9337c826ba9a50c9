import type { Database } from '../../../db/client.ts';
import { vouchers, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { codeTakenOn } from './code-taken.ts';
import { normaliseVoucherCode } from './codes.ts';
import { getManagedVoucher, type ManagedVoucher } from './list-vouchers.ts';
import { voucherColumns } from './voucher-columns.ts';
import type { VoucherInput } from './voucher-fields.ts';
import { replaceVoucherScope } from './voucher-scope.ts';

export async function createVoucher(
  db: Database,
  conference: Conference,
  input: VoucherInput,
  now: Date,
): Promise<ManagedVoucher> {
  const code = normaliseVoucherCode(input.code);
  const columns = voucherColumns(input, null);
  const id = await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const [created] = await tx
          .insert(vouchers)
          .values({ ...columns, code, conferenceId: conference.id })
          .returning({ id: vouchers.id });
        if (!created) throw new Error('voucher insert returned no row');
        await replaceVoucherScope(tx, conference.id, [created.id], input);
        return created.id;
      }),
    codeTakenOn(code),
  );
  return getManagedVoucher(db, conference, id, now);
}
