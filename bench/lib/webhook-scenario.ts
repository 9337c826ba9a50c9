import type { Database } from '../../src/db/client.ts';
import { formatTally, tally } from './stats.ts';
import { sendDeliveries, type DeliveryResult } from './webhook-delivery.ts';
import {
  intentSucceededEvent,
  planDeliveries,
  seededRandom,
  type Delivery,
  type SignedEvent,
} from './webhook-events.ts';
import { prepareWebhooks, type PreparedWebhooks } from './webhook-setup.ts';

export interface PreparedScenario extends PreparedWebhooks {
  events: SignedEvent[];
  deliveries: Delivery[];
}

export interface DeliveryPlan {
  duplicates: number;
  inFlight: number;
  seed: number;
}

/** Orders, their events and the delivery order, all before the clock starts. */
export async function prepareScenario(
  db: Database,
  secretKeyHex: string,
  count: number,
  name: string,
  plan: DeliveryPlan,
): Promise<PreparedScenario> {
  const prepared = await prepareWebhooks(db, secretKeyHex, count, name);
  const created = Math.floor(Date.now() / 1000);
  const events = prepared.orders.map((order) => intentSucceededEvent(order, created));
  const deliveries = planDeliveries(
    events,
    plan.duplicates,
    plan.inFlight,
    seededRandom(plan.seed),
  );
  return { ...prepared, events, deliveries };
}

export interface RunTarget {
  urls: readonly string[];
  inFlight: number;
  timeoutMs: number;
}

export function deliverScenario(
  target: RunTarget,
  scenario: PreparedScenario,
): Promise<DeliveryResult[]> {
  return sendDeliveries(
    {
      ...target,
      slug: scenario.conference.slug,
      webhookSecret: scenario.webhookSecret,
    },
    scenario.deliveries,
  );
}

/**
 * A few events with redeliveries on a throwaway conference before the clock starts: compiles the
 * webhook path in every server and opens their pooled connections. Stops the run if the servers
 * do not accept the bench's signatures, since every number after that would be meaningless.
 */
export async function warmUpWebhooks(
  db: Database,
  secretKeyHex: string,
  target: RunTarget & { poolSize: number },
): Promise<void> {
  const count = Math.max(20, target.poolSize * target.urls.length * 2);
  const scenario = await prepareScenario(db, secretKeyHex, count, 'Webhook warm-up', {
    duplicates: 0.5,
    inFlight: target.inFlight,
    seed: 7,
  });
  const results = await deliverScenario(target, scenario);
  const refused = results.filter((r) => r.status !== 200);
  if (refused.length > 0) {
    const answers = formatTally(tally(refused.map((r) => `${r.status} ${r.answer}`)));
    throw new Error(`Warm-up deliveries were not accepted: ${answers}`);
  }
}
