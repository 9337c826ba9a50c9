import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { jsonFrom, jsonObject, maybeOne } from '../../db/json-shapes.ts';
import { defineRead, readOne, type JsonRead, type Slots } from '../../db/read-together.ts';
import type { BuyerFacts, PricingCondition } from '../../domain/pricing/index.ts';
import { buyerFactsJson, NO_BUYER_FACTS } from './load-buyer-facts.ts';
import { activeConditionsJson, activeConditionsSql } from './load-conditions.ts';

export interface PricingInputs {
  conditions: PricingCondition[];
  buyer: BuyerFacts;
}

type InputSlots = Slots<{ conferenceId: string; buyerId: string; at: string }>;

function pricingInputsJson(v: InputSlots) {
  const facts = buyerFactsJson(v.buyerId, v.conferenceId);
  return jsonObject({
    conditions: jsonFrom(activeConditionsJson, sql`active.list`),
    // The buyer's facts only matter to conditions: without any, they are not looked up.
    buyer: maybeOne(
      jsonFrom(
        facts,
        sql`CASE WHEN jsonb_array_length(active.list) = 0 THEN NULL ELSE ${facts} END`,
      ),
    ),
  });
}

// Decoding needs only the fields, not the slots the SQL was built with.
const decodeInputs = pricingInputsJson({ conferenceId: sql``, buyerId: sql``, at: sql`` }).decode;

const pricingInputsShape = defineRead(
  (v: InputSlots) => sql`SELECT ${pricingInputsJson(v)}
      FROM (${activeConditionsSql(v.conferenceId, v.at)}) AS active(list)`,
  (value): PricingInputs => {
    const { conditions, buyer } = decodeInputs(value);
    return { conditions, buyer: buyer ?? NO_BUYER_FACTS };
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
