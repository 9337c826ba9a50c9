import type { Database } from '../../../db/client.ts';
import { addons, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { assertWindowOrdered } from '../common/window.ts';
import { addonColumns, type AddonInput } from './addon-fields.ts';
import { writeAddonPrerequisites } from './addon-prerequisites.ts';
import { TICKET_TYPE_WINDOW } from './create-ticket-type.ts';
import { getManagedAddon, type ManagedAddon } from './list-addons.ts';
import { slugTakenOn } from './slug-taken.ts';
import { resolveSlug } from './slugs.ts';

export const ADDON_SLUG_UNIQUE = 'addons_conference_slug_unique';

export async function createAddon(
  db: Database,
  conference: Conference,
  input: AddonInput,
  now: Date,
): Promise<ManagedAddon> {
  const slug = resolveSlug(input.slug, input.name);
  assertWindowOrdered(input.availableFrom, input.availableUntil, TICKET_TYPE_WINDOW);
  const id = await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const [created] = await tx
          .insert(addons)
          .values({ ...addonColumns(input), slug, conferenceId: conference.id })
          .returning({ id: addons.id });
        if (!created) throw new Error('add-on insert returned no row');
        const required = input.requiresTicketTypeIds ?? [];
        await writeAddonPrerequisites(tx, conference.id, created.id, required);
        return created.id;
      }),
    slugTakenOn(ADDON_SLUG_UNIQUE, 'add-on', slug),
  );
  return getManagedAddon(db, conference, id, now);
}
