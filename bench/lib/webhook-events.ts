import { randomBytes } from 'node:crypto';
import type { PendingOrder } from './webhook-setup.ts';

/** What Stripe would send when the order's PaymentIntent succeeds, as exact bytes to sign. */
export interface SignedEvent {
  id: string;
  orderId: string;
  /** The JSON text; every delivery of the event sends these same bytes. */
  payload: string;
}

/** One POST: the event, and whether an earlier delivery of it was already scheduled. */
export interface Delivery {
  event: SignedEvent;
  duplicate: boolean;
}

const API_VERSION = '2025-09-30.clover';

/** A `payment_intent.succeeded` event in the shape the SDK's `constructEvent` accepts. */
export function intentSucceededEvent(order: PendingOrder, createdSeconds: number): SignedEvent {
  const suffix = randomBytes(8).toString('hex');
  const id = `evt_bench_${suffix}`;
  const event = {
    id,
    object: 'event',
    api_version: API_VERSION,
    created: createdSeconds,
    livemode: false,
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: order.intentId,
        object: 'payment_intent',
        amount: order.amount,
        amount_received: order.amount,
        currency: 'usd',
        status: 'succeeded',
        metadata: { order_id: order.orderId },
        latest_charge: `ch_bench_${suffix}`,
      },
    },
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
  return { id, orderId: order.orderId, payload: JSON.stringify(event) };
}

/** mulberry32: a small seeded generator, so that one seed gives one delivery order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i];
    const b = items[j];
    if (a === undefined || b === undefined) continue;
    items[i] = b;
    items[j] = a;
  }
  return items;
}

/**
 * Every event once, in random order, plus `round(events × duplicates)` redeliveries of randomly
 * chosen events, each placed after its original: half of them within `inFlight` positions, so
 * they are likely on the wire while the original is still being processed (Stripe retrying a
 * slow answer), the rest anywhere later (a retry minutes after).
 */
export function planDeliveries(
  events: readonly SignedEvent[],
  duplicates: number,
  inFlight: number,
  random: () => number,
): Delivery[] {
  const originals = shuffle([...events], random);
  const slots: Array<{ slot: number; delivery: Delivery }> = originals.map((event, index) => ({
    slot: index,
    delivery: { event, duplicate: false },
  }));
  const extra = Math.round(events.length * duplicates);
  for (let i = 0; i < extra; i += 1) {
    const position = Math.floor(random() * originals.length);
    const event = originals[position];
    if (!event) continue;
    const after = originals.length - position;
    const offset = random() < 0.5 ? random() * Math.min(inFlight, after) : random() * after;
    slots.push({ slot: position + 0.5 + offset, delivery: { event, duplicate: true } });
  }
  return slots.sort((a, b) => a.slot - b.slot).map((s) => s.delivery);
}
