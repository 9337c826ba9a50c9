import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BuyerFacts } from '../../domain/pricing/index.ts';

export interface FactsRow {
  is_speaker: boolean;
  co_presents: boolean;
  group_ids: string[] | null;
  purchased: string[] | null;
}

/**
 * Facts about the buyer that conditions need (COND-5..7), in one statement (with the
 * conditions, see load-pricing-inputs.ts). The pricing engine never queries.
 */
export function buyerFactsQuery(
  userId: string | SQLWrapper,
  conferenceId: string | SQLWrapper,
): SQL {
  return sql`SELECT
      EXISTS (SELECT 1 FROM speakers s WHERE s.user_id = ${userId} AND s.conference_id = ${conferenceId}) AS is_speaker,
      EXISTS (
        SELECT 1 FROM speakers s
        JOIN talk_speakers mine ON mine.speaker_id = s.id
        JOIN talk_speakers other ON other.talk_id = mine.talk_id AND other.speaker_id <> mine.speaker_id
        WHERE s.user_id = ${userId} AND s.conference_id = ${conferenceId}) AS co_presents,
      ARRAY(SELECT gm.group_id::text FROM group_members gm
            WHERE gm.user_id = ${userId} AND gm.conference_id = ${conferenceId}) AS group_ids,
      ARRAY(SELECT DISTINCT l.ticket_type_id::text FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.user_id = ${userId} AND o.conference_id = ${conferenceId}
              AND o.status IN ('paid', 'partially_refunded') AND l.ticket_type_id IS NOT NULL) AS purchased`;
}

export function buyerFactsOf(row: Partial<FactsRow> | undefined): BuyerFacts {
  return {
    isSpeaker: row?.is_speaker ?? false,
    hasCoPresentedTalk: row?.co_presents ?? false,
    groupIds: row?.group_ids ?? [],
    purchasedTicketTypeIds: row?.purchased ?? [],
  };
}
