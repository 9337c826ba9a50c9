import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { discountConditions, type Conference } from '../../../db/schema/index.ts';
import { manageErrors } from '../errors.ts';

/** Order lines keep the condition's name and discount as a snapshot (D3.8) and lose the reference. */
export async function deleteDiscount(
  db: Database,
  conference: Conference,
  id: string,
): Promise<void> {
  const deleted = await db
    .delete(discountConditions)
    .where(and(eq(discountConditions.conferenceId, conference.id), eq(discountConditions.id, id)))
    .returning({ id: discountConditions.id });
  if (deleted.length === 0) throw manageErrors('DISCOUNT_NOT_FOUND', { id });
}
