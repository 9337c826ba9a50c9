/**
 * Work that queues behind running work of the same key goes out together. At most `maxInFlight`
 * batches of one key run at once; whatever arrives meanwhile waits and leaves as the next batch,
 * so a quiet shop sends every entry alone at once and a rush sends fewer, larger statements.
 */
export interface BatchOptions<E> {
  maxInFlight: number;
  maxSize: number;
  /** Entries that must not share a batch; the later one waits for the next. */
  conflict: (a: E, b: E) => boolean;
}

/** Runs one batch: one result per entry, in order. */
export type RunBatch<E, R> = (key: string, entries: readonly E[]) => Promise<R[]>;

interface Waiting<E, R> {
  entry: E;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

interface Group<E, R> {
  running: number;
  waiting: Array<Waiting<E, R>>;
}

function takeBatch<E, R>(group: Group<E, R>, options: BatchOptions<E>): Array<Waiting<E, R>> {
  const batch: Array<Waiting<E, R>> = [];
  const rest: Array<Waiting<E, R>> = [];
  for (const waiting of group.waiting) {
    const fits =
      batch.length < options.maxSize &&
      !batch.some((taken) => options.conflict(taken.entry, waiting.entry));
    (fits ? batch : rest).push(waiting);
  }
  group.waiting = rest;
  return batch;
}

async function settle<E, R>(
  run: RunBatch<E, R>,
  key: string,
  batch: ReadonlyArray<Waiting<E, R>>,
): Promise<void> {
  try {
    const results = await run(
      key,
      batch.map((w) => w.entry),
    );
    batch.forEach((waiting, index) => {
      const result = results[index];
      if (result === undefined)
        waiting.reject(new Error(`batch answered ${results.length} of ${batch.length}`));
      else waiting.resolve(result);
    });
  } catch (error) {
    const [only] = batch;
    if (batch.length === 1 && only) return only.reject(error);
    // One entry's failure must not be every entry's: each goes again alone, and only the entry
    // that fails alone sees its error.
    for (const waiting of batch) await settle(run, key, [waiting]);
  }
}

export function createBatcher<E, R>(run: RunBatch<E, R>, options: BatchOptions<E>) {
  const groups = new Map<string, Group<E, R>>();

  const pump = (key: string, group: Group<E, R>): void => {
    while (group.running < options.maxInFlight && group.waiting.length > 0) {
      const batch = takeBatch(group, options);
      group.running += 1;
      void settle(run, key, batch).finally(() => {
        group.running -= 1;
        // The last batch out cleans up, so the map does not grow with every key ever used.
        if (group.running === 0 && group.waiting.length === 0) groups.delete(key);
        else pump(key, group);
      });
    }
  };

  return (key: string, entry: E): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      let group = groups.get(key);
      if (!group) {
        group = { running: 0, waiting: [] };
        groups.set(key, group);
      }
      group.waiting.push({ entry, resolve, reject });
      pump(key, group);
    });
}
