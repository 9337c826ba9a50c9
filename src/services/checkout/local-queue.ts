import { areApplicationLocksEnabled, type LockKey } from '../../db/locks.ts';

/**
 * Per-process admission in front of the database locks. Checkouts of one hot ticket type would
 * otherwise each hold a pooled connection while waiting on the same advisory lock, starving
 * every other request of connections. Here they wait in memory, in arrival order.
 *
 * Two per key, not one: while one checkout's statement holds the advisory lock, the next is
 * already at PostgreSQL and takes the lock the moment the first commits, so no network round
 * trip falls between two checkouts of the same product (measured with the transaction this
 * replaced: one per key capped a ticket type near 45 checkouts/s).
 */
export const CHECKOUTS_IN_FLIGHT_PER_KEY = 2;

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

const slots = new Map<string, Slot>();

async function acquire(key: string): Promise<() => void> {
  let slot = slots.get(key);
  if (!slot) {
    slot = { active: 0, waiting: [] };
    slots.set(key, slot);
  }
  const held = slot;
  if (held.active < CHECKOUTS_IN_FLIGHT_PER_KEY) held.active += 1;
  // The releaser hands its place straight to the next in line, so `active` stays counted.
  else await new Promise<void>((resolve) => held.waiting.push(resolve));
  return () => {
    const next = held.waiting.shift();
    if (next) return next();
    held.active -= 1;
    // The last holder cleans up, so the map does not grow with every product ever sold.
    if (held.active === 0) slots.delete(key);
  };
}

/** The queue keys of a checkout's locks: its products, not its buyer (one buyer rarely races). */
export function queueKeysOf(keys: readonly LockKey[]): string[] {
  return keys.filter((k) => k.kind !== 'buyer').map((k) => `${k.kind}:${k.id}`);
}

/** Runs `work` holding a place under every key, taken in sorted order so two keys never deadlock. */
export async function runInLocalQueue<T>(
  keys: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  // Part of the application locks: the negative control switches both off (D2.3).
  if (!areApplicationLocksEnabled()) return work();
  const releases: Array<() => void> = [];
  try {
    for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
    return await work();
  } finally {
    for (const release of releases.reverse()) release();
  }
}
