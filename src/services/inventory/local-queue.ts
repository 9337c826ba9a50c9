/**
 * Per-process admission in front of the database locks. Consumptions of one hot ticket type
 * would otherwise each hold a pooled connection while waiting on the same advisory lock, starving
 * every other request of connections. Here they wait in memory, in arrival order, at most
 * `inFlight` per key at PostgreSQL: while one statement holds the advisory lock, the next is
 * already there and takes it the moment the first commits, so no network round trip falls
 * between two consumptions of the same product. Numbers: docs/decisions/concurrency.md.
 */
export type LocalQueue = <T>(keys: readonly string[], work: () => Promise<T>) => Promise<T>;

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

export function createLocalQueue(inFlight: number): LocalQueue {
  const slots = new Map<string, Slot>();

  const acquire = async (key: string): Promise<() => void> => {
    let slot = slots.get(key);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      slots.set(key, slot);
    }
    const held = slot;
    if (held.active < inFlight) held.active += 1;
    // The releaser hands its place straight to the next in line, so `active` stays counted.
    else await new Promise<void>((resolve) => held.waiting.push(resolve));
    return () => {
      const next = held.waiting.shift();
      if (next) return next();
      held.active -= 1;
      // The last holder cleans up, so the map does not grow with every product ever sold.
      if (held.active === 0) slots.delete(key);
    };
  };

  // Places are taken in sorted key order, so two keys never deadlock.
  return async (keys, work) => {
    const releases: Array<() => void> = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  };
}
