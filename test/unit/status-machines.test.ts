import { describe, expect, it } from 'vitest';
import { orderStatus, paymentStatus, refundStatus } from '../../src/db/schema/index.ts';
import {
  assertInitial,
  assertTransition,
  canTransition,
  IllegalTransitionError,
  orderStates,
  paymentStates,
  refundStates,
  type StateMachine,
} from '../../src/domain/states/index.ts';

// Issue 15.3: order, payment and refund statuses move only through their declared transitions.
// Every declared move is allowed, every other pair of statuses (self-moves included) is refused.

const machines: Array<[string, StateMachine<string>, readonly string[]]> = [
  ['order', orderStates, orderStatus.enumValues],
  ['payment', paymentStates, paymentStatus.enumValues],
  ['refund', refundStates, refundStatus.enumValues],
];

/** Today's behaviour, written out by hand from every status write, so the data cannot drift alone. */
const EXPECTED: Record<string, string[]> = {
  order: [
    'pending>paid',
    'pending>cancelled',
    'pending>pending',
    'cancelled>pending',
    'paid>partially_refunded',
    'paid>refunded',
    'partially_refunded>refunded',
  ],
  payment: [
    'pending>succeeded',
    'processing>succeeded',
    'failed>succeeded',
    'cancelled>succeeded',
    'pending>failed',
    'processing>failed',
    'failed>pending',
    'pending>cancelled',
    'processing>cancelled',
    'failed>cancelled',
    'succeeded>refunded',
  ],
  refund: ['pending>succeeded', 'pending>failed'],
};

describe.each(machines)('the %s status machine', (_name, machine, enumValues) => {
  it('lists exactly the statuses of the database enum', () => {
    expect(Object.keys(machine.statuses).sort()).toEqual([...enumValues].sort());
  });

  it('declares exactly the transitions the code performs, each once and with a reason', () => {
    const declared = machine.transitions.map((t) => `${t.from}>${t.to}`);
    expect([...declared].sort()).toEqual([...(EXPECTED[machine.entity] ?? [])].sort());
    expect(new Set(declared).size).toBe(declared.length);
    for (const t of machine.transitions) expect(t.why.length).toBeGreaterThan(5);
  });

  it('allows every declared transition and refuses every other pair', () => {
    const declared = new Set(machine.transitions.map((t) => `${t.from}>${t.to}`));
    for (const from of enumValues)
      for (const to of enumValues) {
        const allowed = declared.has(`${from}>${to}`);
        expect(canTransition(machine, from, to), `${from} → ${to}`).toBe(allowed);
        if (allowed) expect(() => assertTransition(machine, from, to)).not.toThrow();
        else expect(() => assertTransition(machine, from, to)).toThrow(IllegalTransitionError);
      }
  });

  it('lets new rows start only in an initial status', () => {
    for (const status of enumValues) {
      if (machine.statuses[status]?.initial)
        expect(() => assertInitial(machine, status)).not.toThrow();
      else expect(() => assertInitial(machine, status)).toThrow(IllegalTransitionError);
    }
  });
});

describe('refused transitions', () => {
  it('are internal errors naming the entity and both statuses, not user-facing ones', () => {
    const error = (() => {
      try {
        assertTransition(orderStates, 'refunded', 'paid');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).not.toHaveProperty('status');
    expect((error as Error).message).toBe('order may not move from refunded to paid');
  });

  it('D4.6 an order never moves back from refunded, nor from partially refunded to paid', () => {
    expect(canTransition(orderStates, 'refunded', 'partially_refunded')).toBe(false);
    expect(canTransition(orderStates, 'partially_refunded', 'paid')).toBe(false);
    expect(canTransition(refundStates, 'succeeded', 'pending')).toBe(false);
  });
});
