import { newId } from '../ids.ts';
import type { OperationContext } from '../store.ts';
import type { FakeEvent, FakeEventObject, FakeEventType } from '../types.ts';

/**
 * Records that something changed. The event carries a copy of the object as it is now, so later
 * changes do not rewrite history, and is handed to webhook delivery straight away.
 */
export function recordEvent(
  ctx: OperationContext,
  type: FakeEventType,
  object: FakeEventObject,
): FakeEvent {
  const { account } = ctx;
  const event: FakeEvent = {
    id: newId('evt'),
    object: 'event',
    api_version: account.apiVersion,
    created: account.clock.nowSeconds(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: account.sink.subscriberCount(type),
    request: { ...ctx.request },
    type,
  };
  account.store.events.push(event);
  account.store.eventsById.set(event.id, event);
  account.sink.publish(event);
  return event;
}

/** `payment_intent.*` matches every payment_intent event, as in Stripe's endpoint and list filters. */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
