import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/services/inventory/batches.ts';

interface Entry {
  buyer: string;
  fails?: boolean;
}

/** A batch run that the test finishes by hand, so what waits and what runs is never a matter of timing. */
function controlledRun() {
  const batches: Array<{ key: string; buyers: string[]; finish: () => void }> = [];
  const run = (key: string, entries: readonly Entry[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({
        key,
        buyers: entries.map((e) => e.buyer),
        finish: () =>
          entries.some((e) => e.fails)
            ? reject(new Error(`failed: ${entries.map((e) => e.buyer).join(',')}`))
            : resolve(entries.map((e) => `placed ${e.buyer}`)),
      });
    });
  return { batches, run };
}

/** Lets every settled promise run its continuations. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

function batcher(run: ReturnType<typeof controlledRun>['run'], maxSize = 10) {
  return createBatcher<Entry, string>(run, {
    maxInFlight: 2,
    maxSize,
    conflict: (a, b) => a.buyer === b.buyer,
  });
}

describe('checkout batches', () => {
  it('sends entries alone while fewer than maxInFlight batches run', async () => {
    const { batches, run } = controlledRun();
    const submit = batcher(run);
    const placed = [submit('k', { buyer: 'a' }), submit('k', { buyer: 'b' })];
    expect(batches.map((b) => b.buyers)).toEqual([['a'], ['b']]);
    for (const batch of batches) batch.finish();
    expect(await Promise.all(placed)).toEqual(['placed a', 'placed b']);
  });

  it('sends what queued behind running batches as one batch, in arrival order', async () => {
    const { batches, run } = controlledRun();
    const submit = batcher(run);
    const placed = ['a', 'b', 'c', 'd', 'e'].map((buyer) => submit('k', { buyer }));
    expect(batches.map((b) => b.buyers)).toEqual([['a'], ['b']]);
    batches[0]?.finish();
    await settled();
    expect(batches.map((b) => b.buyers)).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    batches[1]?.finish();
    batches[2]?.finish();
    expect(await Promise.all(placed)).toEqual(['a', 'b', 'c', 'd', 'e'].map((b) => `placed ${b}`));
  });

  it('keeps keys apart', async () => {
    const { batches, run } = controlledRun();
    const submit = batcher(run);
    void submit('k', { buyer: 'a' });
    void submit('k', { buyer: 'b' });
    void submit('other', { buyer: 'c' });
    expect(batches.map((b) => [b.key, b.buyers])).toEqual([
      ['k', ['a']],
      ['k', ['b']],
      ['other', ['c']],
    ]);
  });

  it('puts conflicting entries in different batches and respects the size limit', async () => {
    const { batches, run } = controlledRun();
    const submit = batcher(run, 2);
    const placed = ['a', 'b', 'c', 'c', 'd', 'e'].map((buyer) => submit('k', { buyer }));
    batches[0]?.finish();
    await settled();
    // Waiting: c, c, d, e. The second c conflicts with the first, e does not fit in a batch of 2.
    expect(batches.slice(2).map((b) => b.buyers)).toEqual([['c', 'd']]);
    batches[1]?.finish();
    await settled();
    expect(batches.slice(3).map((b) => b.buyers)).toEqual([['c', 'e']]);
    for (const batch of batches.slice(2)) batch.finish();
    expect(await Promise.all(placed)).toHaveLength(6);
  });

  it('runs each entry of a failed batch again alone; only the entry that fails alone fails', async () => {
    const { batches, run } = controlledRun();
    const submit = batcher(run);
    const outcomes = ['a', 'b', 'c', 'bad', 'd'].map((buyer) =>
      submit('k', { buyer, fails: buyer === 'bad' }).then(
        (result) => result,
        (error: unknown) => (error instanceof Error ? error.message : 'not an error'),
      ),
    );
    batches[0]?.finish();
    batches[1]?.finish();
    await settled();
    expect(batches[2]?.buyers).toEqual(['c', 'bad', 'd']);
    batches[2]?.finish();
    // Then one at a time, in order: c, bad, d.
    for (const expected of [['c'], ['bad'], ['d']]) {
      await settled();
      const last = batches.at(-1);
      expect(last?.buyers).toEqual(expected);
      last?.finish();
    }
    expect(await Promise.all(outcomes)).toEqual([
      'placed a',
      'placed b',
      'placed c',
      'failed: bad',
      'placed d',
    ]);
  });
});
