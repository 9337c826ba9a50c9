import { areApplicationLocksEnabled } from '../../db/locks.ts';

/**
 * Per-process queue in front of the database locks. Checkouts of one hot ticket type would
 * otherwise each hold a pooled connection while waiting on the same advisory lock, starving
 * every other request of connections. Here they wait in memory, in arrival order, and at most
 * one per process waits at PostgreSQL; the advisory lock still orders the processes.
 */
const tails = new Map<string, Promise<void>>();

async function acquire(key: string): Promise<() => void> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  return () => {
    release();
    // The last holder cleans up, so the map does not grow with every product ever sold.
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/** Runs `work` holding every key's turn, taken in sorted order so two queues never deadlock. */
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
