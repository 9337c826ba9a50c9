import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { addons, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { manageErrors } from '../errors.ts';
import { assertScopesSurviveDeletion } from './assert-scopes-survive.ts';
import { getAddonRowOrThrow } from './list-addons.ts';

/** CAT-5: cart lines go with it; order lines keep their snapshot and lose the reference. */
export async function deleteAddon(db: Database, conference: Conference, id: string): Promise<void> {
  await withTx(db, async (tx) => {
    await getAddonRowOrThrow(tx, conference.id, id);
    await assertScopesSurviveDeletion(tx, conference.id, 'addon', id);
    const deleted = await tx
      .delete(addons)
      .where(and(eq(addons.conferenceId, conference.id), eq(addons.id, id)))
      .returning({ id: addons.id });
    if (deleted.length === 0) throw manageErrors('ADDON_NOT_FOUND', { id });
  });
}
