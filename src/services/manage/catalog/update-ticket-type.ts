import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { ticketTypes, type Conference } from '../../../db/schema/index.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { patched } from '../common/patch.ts';
import { assertWindowOrdered } from '../common/window.ts';
import { manageErrors } from '../errors.ts';
import { TICKET_TYPE_SLUG_UNIQUE, TICKET_TYPE_WINDOW } from './create-ticket-type.ts';
import {
  getManagedTicketType,
  getTicketTypeRowOrThrow,
  type ManagedTicketType,
} from './list-ticket-types.ts';
import { slugTakenOn } from './slug-taken.ts';
import { resolveSlug } from './slugs.ts';
import type { TicketTypePatch } from './ticket-type-fields.ts';

/** Changes only the given fields; lowering stock below sales is allowed (CAT-2 goes negative). */
export async function updateTicketType(
  db: Database,
  conference: Conference,
  id: string,
  patch: TicketTypePatch,
  now: Date,
): Promise<ManagedTicketType> {
  const current = await getTicketTypeRowOrThrow(db, conference.id, id);
  const slug = patch.slug === undefined ? current.slug : resolveSlug(patch.slug, current.name);
  assertWindowOrdered(
    patched(patch.availableFrom, current.availableFrom),
    patched(patch.availableUntil, current.availableUntil),
    TICKET_TYPE_WINDOW,
  );
  const updated = await translateConstraintErrors(
    () =>
      db
        .update(ticketTypes)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(ticketTypes.conferenceId, conference.id), eq(ticketTypes.id, id)))
        .returning({ id: ticketTypes.id }),
    slugTakenOn(TICKET_TYPE_SLUG_UNIQUE, 'ticket type', slug),
  );
  if (updated.length === 0) throw manageErrors('TICKET_TYPE_NOT_FOUND', { id });
  return getManagedTicketType(db, conference, id, now);
}
