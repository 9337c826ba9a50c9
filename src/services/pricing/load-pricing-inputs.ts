import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import type { BuyerFacts, PricingCondition } from '../../domain/pricing/index.ts';
import { buyerFactsOf, buyerFactsQuery, type FactsRow } from './load-buyer-facts.ts';
import { activeConditionsQuery, conditionOf, type ConditionRow } from './load-conditions.ts';

export interface PricingInputs {
  conditions: PricingCondition[];
  buyer: BuyerFacts;
}

/**
 * The conference's active conditions and the facts about the buyer they test, in ONE statement:
 * every cart view and checkout prices, and in a ticket rush every round trip costs CPU twice.
 */
export async function loadPricingInputs(
  db: Database,
  conferenceId: string,
  buyerId: string,
  now: Date,
): Promise<PricingInputs> {
  const [row] = await queryRows<FactsRow & { conditions: ConditionRow[] }>(
    db,
    sql`SELECT facts.*, (SELECT coalesce(json_agg(c), '[]'::json)
        FROM (${activeConditionsQuery(conferenceId, now)}) AS c) AS conditions
      FROM (${buyerFactsQuery(buyerId, conferenceId)}) AS facts`,
  );
  return { conditions: (row?.conditions ?? []).map(conditionOf), buyer: buyerFactsOf(row) };
}
