import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { defineRead, readOne, type JsonRead, type Slots } from '../../db/read-together.ts';
import type { BuyerFacts, PricingCondition } from '../../domain/pricing/index.ts';
import { buyerFactsOf, buyerFactsQuery, type FactsRow } from './load-buyer-facts.ts';
import { activeConditionsQuery, conditionOf, type ConditionRow } from './load-conditions.ts';

export interface PricingInputs {
  conditions: PricingCondition[];
  buyer: BuyerFacts;
}

const pricingInputsShape = defineRead(
  (v: Slots<{ conferenceId: string; buyerId: string; at: string }>) =>
    // The buyer's facts only matter to conditions: without any, they are not looked up.
    sql`SELECT jsonb_build_object('conditions', active.list) || CASE
        WHEN jsonb_array_length(active.list) = 0 THEN '{}'::jsonb
        ELSE (SELECT to_jsonb(facts.*) FROM (${buyerFactsQuery(v.buyerId, v.conferenceId)}) AS facts) END
      FROM (SELECT coalesce(jsonb_agg(c), '[]'::jsonb) AS list
        FROM (${activeConditionsQuery(v.conferenceId, v.at)}) AS c) AS active`,
  (value): PricingInputs => {
    const row = value as (Partial<FactsRow> & { conditions: ConditionRow[] }) | null;
    return {
      conditions: (row?.conditions ?? []).map(conditionOf),
      buyer: buyerFactsOf(row ?? undefined),
    };
  },
);

/**
 * The conference's active conditions and the facts about the buyer they test, as one JSON value:
 * every cart view and checkout prices, and reads it together with the cart (see readTogether).
 */
export function pricingInputsRead(
  conferenceId: string,
  buyerId: string,
  now: Date,
): JsonRead<PricingInputs> {
  return pricingInputsShape({ conferenceId, buyerId, at: now.toISOString() });
}

export function loadPricingInputs(
  db: Database,
  conferenceId: string,
  buyerId: string,
  now: Date,
): Promise<PricingInputs> {
  return readOne(db, pricingInputsRead(conferenceId, buyerId, now));
}
