import type { Database } from '../../../db/client.ts';
import { ticketTypes, type Conference } from '../../../db/schema/index.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { assertWindowOrdered } from '../common/window.ts';
import { getManagedTicketType, type ManagedTicketType } from './list-ticket-types.ts';
import { slugTakenOn } from './slug-taken.ts';
import { resolveSlug } from './slugs.ts';
import type { TicketTypeInput } from './ticket-type-fields.ts';

export const TICKET_TYPE_WINDOW = { fromField: 'availableFrom', untilField: 'availableUntil' };
export const TICKET_TYPE_SLUG_UNIQUE = 'ticket_types_conference_slug_unique';

export async function createTicketType(
  db: Database,
  conference: Conference,
  input: TicketTypeInput,
  now: Date,
): Promise<ManagedTicketType> {
  const slug = resolveSlug(input.slug, input.name);
  assertWindowOrdered(input.availableFrom, input.availableUntil, TICKET_TYPE_WINDOW);
  const [created] = await translateConstraintErrors(
    () =>
      db
        .insert(ticketTypes)
        .values({ ...input, slug, conferenceId: conference.id })
        .returning({ id: ticketTypes.id }),
    slugTakenOn(TICKET_TYPE_SLUG_UNIQUE, 'ticket type', slug),
  );
  if (!created) throw new Error('ticket type insert returned no row');
  return getManagedTicketType(db, conference, created.id, now);
}
