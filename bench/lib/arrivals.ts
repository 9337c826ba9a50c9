import type { Arrival } from './options.ts';

/**
 * Runs every task under the arrival pattern: `burst` starts all of them in the same tick (a sale
 * opening to a crowd); `bounded` keeps at most `inFlight` running (a queue or waiting room in
 * front of the shop). Results keep the order of `tasks`.
 */
export async function runArrivals<T>(
  tasks: ReadonlyArray<() => Promise<T>>,
  arrival: Arrival,
  inFlight: number,
): Promise<T[]> {
  if (arrival === 'burst') return Promise.all(tasks.map((task) => task()));
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, tasks.length) }, worker));
  return results;
}
