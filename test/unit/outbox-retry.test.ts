import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { describeFailure, retryDelayMs } from '../../src/jobs/outbox-retry.ts';

describe('outbox retry schedule', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [50, 3_600_000],
  ])('after attempt %i waits %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it('keeps the message only: no stack, one line, bounded', () => {
    const error = new Error('Message failed:\n451 try later');
    expect(describeFailure(error)).toBe('Message failed: 451 try later');
    expect(describeFailure(new DomainError('X_GONE', 'It is gone.', 404))).toBe(
      'X_GONE: It is gone.',
    );
    expect(describeFailure(new Error('x'.repeat(5_000)))).toHaveLength(1_000);
    expect(describeFailure('plain')).toBe('plain');
  });
});
