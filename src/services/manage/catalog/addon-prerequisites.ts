import type { Database } from '../../../db/client.ts';
import { addonRequiredTicketTypes } from '../../../db/schema/index.ts';
import { replaceLinks } from '../common/links.ts';
import { assertReferencesExist } from '../common/references.ts';

/** CAT-4: prerequisites must be ticket types of the add-on's own conference (422 otherwise). */
export async function writeAddonPrerequisites(
  db: Database,
  conferenceId: string,
  addonId: string,
  ticketTypeIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(ticketTypeIds)];
  await assertReferencesExist(db, conferenceId, [
    { field: 'requiresTicketTypeIds', kind: 'ticket_type', ids: unique },
  ]);
  await replaceLinks(
    db,
    addonRequiredTicketTypes,
    addonRequiredTicketTypes.addonId,
    addonId,
    unique.map((ticketTypeId) => ({ addonId, ticketTypeId, conferenceId })),
  );
}
