/**
 * Counts work that is under way so tests can `await idle()` instead of sleeping. An account's
 * tracker also reports to the whole fake's tracker.
 */
export interface InFlightTracker {
  track<T>(work: Promise<T>): Promise<T>;
  idle(): Promise<void>;
  count(): number;
}

export function createInFlightTracker(parent?: InFlightTracker): InFlightTracker {
  let running = 0;
  let waiters: Array<() => void> = [];

  const settle = () => {
    running -= 1;
    if (running > 0) return;
    const release = waiters;
    waiters = [];
    for (const resolve of release) resolve();
  };

  return {
    track(work) {
      running += 1;
      const tracked = work.finally(settle);
      return parent ? parent.track(tracked) : tracked;
    },
    idle() {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    count: () => running,
  };
}
