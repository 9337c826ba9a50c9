import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { readOne, type JsonRead } from '../../db/read-together.ts';
import type { BuyerFacts, PricingCondition } from '../../domain/pricing/index.ts';
import { buyerFactsOf, buyerFactsQuery, type FactsRow } from './load-buyer-facts.ts';
import { activeConditionsQuery, conditionOf, type ConditionRow } from './load-conditions.ts';

export interface PricingInputs {
  conditions: PricingCondition[];
  buyer: BuyerFacts;
}

/**
 * The conference's active conditions and the facts about the buyer they test, as one JSON value:
 * every cart view and checkout prices, and reads it together with the cart (see readTogether).
 */
export function pricingInputsRead(
  conferenceId: string,
  buyerId: string,
  now: Date,
): JsonRead<PricingInputs> {
  return {
    json: sql`SELECT to_jsonb(facts.*) || jsonb_build_object('conditions',
        (SELECT coalesce(jsonb_agg(c), '[]'::jsonb) FROM (${activeConditionsQuery(conferenceId, now)}) AS c))
      FROM (${buyerFactsQuery(buyerId, conferenceId)}) AS facts`,
    decode: (value) => {
      const row = value as (FactsRow & { conditions: ConditionRow[] }) | null;
      return {
        conditions: (row?.conditions ?? []).map(conditionOf),
        buyer: buyerFactsOf(row ?? undefined),
      };
    },
  };
}

export function loadPricingInputs(
  db: Database,
  conferenceId: string,
  buyerId: string,
  now: Date,
): Promise<PricingInputs> {
  return readOne(db, pricingInputsRead(conferenceId, buyerId, now));
}
