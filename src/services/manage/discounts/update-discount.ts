import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { discountConditions, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { manageErrors } from '../errors.ts';
import { discountColumns } from './discount-columns.ts';
import type { DiscountPatch } from './discount-fields.ts';
import { replaceDiscountLinks } from './discount-links.ts';
import {
  getDiscountRowOrThrow,
  getManagedDiscount,
  type ManagedDiscount,
} from './list-discounts.ts';

/**
 * Changes only the given fields. The kind is fixed: it decides which fields exist, and orders
 * already placed keep the condition's name and amounts on their lines (D3.8).
 */
export async function updateDiscount(
  db: Database,
  conference: Conference,
  id: string,
  patch: DiscountPatch,
  now: Date,
): Promise<ManagedDiscount> {
  const current = await getDiscountRowOrThrow(db, conference.id, id);
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    throw manageErrors('DISCOUNT_KIND_LOCKED', { kind: current.kind, requested: patch.kind });
  }
  const columns = discountColumns(current.kind, patch, current);
  await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const updated = await tx
          .update(discountConditions)
          .set({ ...columns, updatedAt: sql`now()` })
          .where(
            and(eq(discountConditions.conferenceId, conference.id), eq(discountConditions.id, id)),
          )
          .returning({ id: discountConditions.id });
        if (updated.length === 0) throw manageErrors('DISCOUNT_NOT_FOUND', { id });
        await replaceDiscountLinks(tx, conference.id, id, patch);
      }),
    {},
  );
  return getManagedDiscount(db, conference, id, now);
}
