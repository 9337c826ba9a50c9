import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { groupMembers, orderLines, orders, speakers, talkSpeakers } from '../../db/schema/index.ts';
import type { BuyerFacts } from '../../domain/pricing/index.ts';
import { queryRows } from '../../db/raw.ts';

/** Facts about the buyer that conditions need (COND-5..7); the pricing engine never queries. */
export async function loadBuyerFacts(
  db: Database,
  userId: string,
  conferenceId: string,
): Promise<BuyerFacts> {
  const [speakerRows, groupRows, purchased] = await Promise.all([
    db
      .select({ id: speakers.id })
      .from(speakers)
      .where(and(eq(speakers.userId, userId), eq(speakers.conferenceId, conferenceId))),
    db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.userId, userId), eq(groupMembers.conferenceId, conferenceId))),
    db
      .selectDistinct({ id: orderLines.ticketTypeId })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(
        and(
          eq(orders.userId, userId),
          eq(orders.conferenceId, conferenceId),
          inArray(orders.status, ['paid', 'partially_refunded']),
          isNotNull(orderLines.ticketTypeId),
        ),
      ),
  ]);
  const speakerIds = speakerRows.map((s) => s.id);
  return {
    isSpeaker: speakerIds.length > 0,
    hasCoPresentedTalk: speakerIds.length > 0 && (await hasSharedTalk(db, speakerIds)),
    groupIds: groupRows.map((g) => g.groupId),
    purchasedTicketTypeIds: purchased.flatMap((p) => (p.id ? [p.id] : [])),
  };
}

async function hasSharedTalk(db: Database, speakerIds: string[]): Promise<boolean> {
  const rows = await queryRows<{ shared: boolean }>(
    db,
    sql`SELECT EXISTS (
      SELECT 1 FROM ${talkSpeakers} mine
      JOIN ${talkSpeakers} other ON other.talk_id = mine.talk_id AND other.speaker_id <> mine.speaker_id
      WHERE mine.speaker_id IN (${sql.join(
        speakerIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    ) AS shared`,
  );
  return rows[0]?.shared ?? false;
}
