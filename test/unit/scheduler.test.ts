import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { startScheduler, type ScheduledTask } from '../../src/jobs/scheduler.ts';

const db = {} as Database;

describe('scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each task on its interval, never two runs of one task at once, and waits on stop', async () => {
    vi.useFakeTimers();
    let release: () => void = () => undefined;
    const runs: Date[] = [];
    const task: ScheduledTask = {
      name: 'slow',
      everyMs: 1_000,
      run: (_db, now) => {
        runs.push(now);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    };
    const errors: string[] = [];
    const scheduler = startScheduler(
      db,
      { now: () => new Date(0), onError: (name) => errors.push(name) },
      [task],
    );
    vi.advanceTimersByTime(1_000);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(3_000);
    expect(runs).toHaveLength(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(runs).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('reports a failing task and keeps scheduling it', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const failures: string[] = [];
    const failing: ScheduledTask = {
      name: 'flaky',
      everyMs: 100,
      run: async () => {
        attempts += 1;
        throw new Error('boom');
      },
    };
    const scheduler = startScheduler(
      db,
      { now: () => new Date(0), onError: (name) => failures.push(name) },
      [failing],
    );
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(100);
    await scheduler.stop();
    expect(attempts).toBe(2);
    expect(failures).toEqual(['flaky', 'flaky']);
  });
});
