import { and, eq, inArray, ne, sql, type SQLWrapper } from 'drizzle-orm';
import { aliased, fromOf, jsonObject, type JsonShape } from '../../db/json-shapes.ts';
import { groupMembers, orderLines, orders, speakers, talkSpeakers } from '../../db/schema/index.ts';
import type { BuyerFacts } from '../../domain/pricing/index.ts';

const s = aliased(speakers, 's');
const mine = aliased(talkSpeakers, 'mine');
const other = aliased(talkSpeakers, 'other');
const gm = aliased(groupMembers, 'gm');
const l = aliased(orderLines, 'l');
const o = aliased(orders, 'o');

/**
 * Facts about the buyer that conditions need (COND-5..7), as one JSON object (read with the
 * conditions, see load-pricing-inputs.ts). The pricing engine never queries.
 */
export function buyerFactsJson(
  userId: SQLWrapper,
  conferenceId: SQLWrapper,
): JsonShape<BuyerFacts> {
  const speaker = and(eq(s.userId, userId), eq(s.conferenceId, conferenceId));
  return jsonObject({
    isSpeaker: sql<boolean>`EXISTS (SELECT 1 FROM ${fromOf(s)} WHERE ${speaker})`,
    hasCoPresentedTalk: sql<boolean>`EXISTS (
      SELECT 1 FROM ${fromOf(s)}
      JOIN ${fromOf(mine)} ON ${mine.speakerId} = ${s.id}
      JOIN ${fromOf(other)} ON ${other.talkId} = ${mine.talkId} AND ${ne(other.speakerId, mine.speakerId)}
      WHERE ${speaker})`,
    groupIds: sql<string[]>`ARRAY(SELECT ${gm.groupId}::text FROM ${fromOf(gm)}
      WHERE ${gm.userId} = ${userId} AND ${gm.conferenceId} = ${conferenceId})`,
    purchasedTicketTypeIds: sql<string[]>`ARRAY(SELECT DISTINCT ${l.ticketTypeId}::text
      FROM ${fromOf(l)} JOIN ${fromOf(o)} ON ${o.id} = ${l.orderId}
      WHERE ${o.userId} = ${userId} AND ${o.conferenceId} = ${conferenceId}
        AND ${inArray(o.status, ['paid', 'partially_refunded'])} AND ${l.ticketTypeId} IS NOT NULL)`,
  });
}

/** A buyer nothing is known about: what conditions see when no condition needs the facts. */
export const NO_BUYER_FACTS: BuyerFacts = {
  isSpeaker: false,
  hasCoPresentedTalk: false,
  groupIds: [],
  purchasedTicketTypeIds: [],
};
