import type { Database } from '../../../db/client.ts';
import { discountConditions, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { discountColumns } from './discount-columns.ts';
import type { DiscountInput } from './discount-fields.ts';
import { replaceDiscountLinks } from './discount-links.ts';
import { getManagedDiscount, type ManagedDiscount } from './list-discounts.ts';

export async function createDiscount(
  db: Database,
  conference: Conference,
  input: DiscountInput,
  now: Date,
): Promise<ManagedDiscount> {
  const columns = discountColumns(input.kind, input, null);
  const id = await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const [created] = await tx
          .insert(discountConditions)
          .values({ ...columns, name: input.name, kind: input.kind, conferenceId: conference.id })
          .returning({ id: discountConditions.id });
        if (!created) throw new Error('discount insert returned no row');
        await replaceDiscountLinks(tx, conference.id, created.id, input);
        return created.id;
      }),
    {},
  );
  return getManagedDiscount(db, conference, id, now);
}
