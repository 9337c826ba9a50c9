import { describe, expect, it } from 'vitest';
import { settleAfterPayment, type SettlementFacts } from '../../src/domain/order-money.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const before = new Date(NOW.getTime() - 1);
const after = new Date(NOW.getTime() + 60_000);
const base: SettlementFacts = {
  status: 'pending',
  cancelReason: null,
  holdExpiresAt: after,
  total: 10_000,
  paid: 10_000,
  now: NOW,
};

describe('settleAfterPayment (D2.6, D4.4, D4.10, PAY-7)', () => {
  it.each([
    ['live hold, covered', {}, { kind: 'mark_paid', overpaidBy: 0 }],
    ['live hold, part paid', { paid: 4_000 }, { kind: 'partially_paid', due: 6_000 }],
    ['lapsed hold, not yet swept', { holdExpiresAt: before }, { kind: 'revive' }],
    [
      'swept (hold expired)',
      { status: 'cancelled', cancelReason: 'hold_expired', holdExpiresAt: null },
      { kind: 'revive' },
    ],
    [
      'cancelled before reasons were kept',
      { status: 'cancelled', holdExpiresAt: null },
      { kind: 'revive' },
    ],
    [
      'D4.10 cancelled by the buyer',
      { status: 'cancelled', cancelReason: 'buyer', holdExpiresAt: null },
      { kind: 'refund_to_buyer' },
    ],
    [
      'already paid',
      { status: 'paid', holdExpiresAt: null, paid: 12_000 },
      { kind: 'overpaid', overpaidBy: 2_000 },
    ],
  ] as const)('%s', (_name, facts, expected) => {
    expect(settleAfterPayment({ ...base, ...facts })).toEqual(expected);
  });
});
