import { invalidRequest } from '../errors.ts';
import type { AccountStore } from '../store.ts';
import type { FakeEvent } from '../types.ts';
import { eventTypeMatches } from './record.ts';

export interface CreatedRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface EventQuery {
  created: CreatedRange;
  types: string[];
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

export interface EventPage {
  data: FakeEvent[];
  hasMore: boolean;
}

function inRange(created: number, range: CreatedRange): boolean {
  if (range.gt !== undefined && !(created > range.gt)) return false;
  if (range.gte !== undefined && !(created >= range.gte)) return false;
  if (range.lt !== undefined && !(created < range.lt)) return false;
  if (range.lte !== undefined && !(created <= range.lte)) return false;
  return true;
}

function cursorPosition(store: AccountStore, id: string, param: string): number {
  const position = store.events.findIndex((event) => event.id === id);
  if (position < 0) {
    throw invalidRequest(`No such event: '${id}'`, { code: 'resource_missing', param });
  }
  return position;
}

/**
 * Newest first, like Stripe. Cursors are positions in creation order, so a cursor that the
 * filters exclude still pages correctly.
 */
export function listEvents(store: AccountStore, query: EventQuery): EventPage {
  const matching = store.events
    .map((event, position) => ({ event, position }))
    .filter(({ event }) => inRange(event.created, query.created))
    .filter(
      ({ event }) =>
        query.types.length === 0 || query.types.some((t) => eventTypeMatches(t, event.type)),
    );

  if (query.endingBefore !== undefined) {
    const cursor = cursorPosition(store, query.endingBefore, 'ending_before');
    const newer = matching.filter(({ position }) => position > cursor);
    const page = newer.slice(0, query.limit).reverse();
    return { data: page.map(({ event }) => event), hasMore: newer.length > query.limit };
  }

  const newestFirst = matching.reverse();
  const cursor =
    query.startingAfter === undefined
      ? Number.POSITIVE_INFINITY
      : cursorPosition(store, query.startingAfter, 'starting_after');
  const older = newestFirst.filter(({ position }) => position < cursor);
  return {
    data: older.slice(0, query.limit).map(({ event }) => event),
    hasMore: older.length > query.limit,
  };
}
