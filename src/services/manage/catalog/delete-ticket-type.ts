import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { ticketTypes, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { manageErrors } from '../errors.ts';
import { assertScopesSurviveDeletion } from './assert-scopes-survive.ts';
import { getTicketTypeRowOrThrow } from './list-ticket-types.ts';

/**
 * CAT-5: cart lines go with it (cascade); order lines keep their snapshot and lose the reference,
 * so deleting a product that was sold is allowed and sales history stays intact.
 */
export async function deleteTicketType(
  db: Database,
  conference: Conference,
  id: string,
): Promise<void> {
  await withTx(db, async (tx) => {
    await getTicketTypeRowOrThrow(tx, conference.id, id);
    await assertScopesSurviveDeletion(tx, conference.id, 'ticket_type', id);
    const deleted = await tx
      .delete(ticketTypes)
      .where(and(eq(ticketTypes.conferenceId, conference.id), eq(ticketTypes.id, id)))
      .returning({ id: ticketTypes.id });
    if (deleted.length === 0) throw manageErrors('TICKET_TYPE_NOT_FOUND', { id });
  });
}
