import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { addons, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { patched } from '../common/patch.ts';
import { assertWindowOrdered } from '../common/window.ts';
import { manageErrors } from '../errors.ts';
import { addonColumns, type AddonPatch } from './addon-fields.ts';
import { writeAddonPrerequisites } from './addon-prerequisites.ts';
import { ADDON_SLUG_UNIQUE } from './create-addon.ts';
import { TICKET_TYPE_WINDOW } from './create-ticket-type.ts';
import { getAddonRowOrThrow, getManagedAddon, type ManagedAddon } from './list-addons.ts';
import { slugTakenOn } from './slug-taken.ts';
import { resolveSlug } from './slugs.ts';

/** Changes only the given fields; a given prerequisite list replaces the stored set (BOOT-7). */
export async function updateAddon(
  db: Database,
  conference: Conference,
  id: string,
  patch: AddonPatch,
  now: Date,
): Promise<ManagedAddon> {
  const current = await getAddonRowOrThrow(db, conference.id, id);
  const slug = patch.slug === undefined ? current.slug : resolveSlug(patch.slug, current.name);
  assertWindowOrdered(
    patched(patch.availableFrom, current.availableFrom),
    patched(patch.availableUntil, current.availableUntil),
    TICKET_TYPE_WINDOW,
  );
  await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const updated = await tx
          .update(addons)
          .set({ ...addonColumns(patch), updatedAt: sql`now()` })
          .where(and(eq(addons.conferenceId, conference.id), eq(addons.id, id)))
          .returning({ id: addons.id });
        if (updated.length === 0) throw manageErrors('ADDON_NOT_FOUND', { id });
        if (patch.requiresTicketTypeIds !== undefined) {
          await writeAddonPrerequisites(tx, conference.id, id, patch.requiresTicketTypeIds);
        }
      }),
    slugTakenOn(ADDON_SLUG_UNIQUE, 'add-on', slug),
  );
  return getManagedAddon(db, conference, id, now);
}
