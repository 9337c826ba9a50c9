import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGate } from '../../src/http/plugins/admission.ts';

describe('admission gate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits up to the limit, then in arrival order as others leave', async () => {
    const gate = createGate(2);
    expect(await gate.enter(1000)).toBe(true);
    expect(await gate.enter(1000)).toBe(true);
    const order: string[] = [];
    const third = gate.enter(1000).then((ok) => order.push(`third:${ok}`));
    const fourth = gate.enter(1000).then((ok) => order.push(`fourth:${ok}`));
    gate.leave();
    await third;
    expect(order).toEqual(['third:true']);
    gate.leave();
    await fourth;
    expect(order).toEqual(['third:true', 'fourth:true']);
  });

  it('turns away whoever waited longer than the deadline, and frees nothing for them', async () => {
    vi.useFakeTimers();
    const gate = createGate(1);
    expect(await gate.enter(50)).toBe(true);
    const waiting = gate.enter(50);
    vi.advanceTimersByTime(51);
    expect(await waiting).toBe(false);
    gate.leave();
    expect(await gate.enter(50)).toBe(true);
    const blocked = gate.enter(10);
    vi.advanceTimersByTime(11);
    expect(await blocked).toBe(false);
  });
});

describe('admission priority', () => {
  it('lets a waiting checkout in before earlier cart changes', async () => {
    const gate = createGate(1);
    expect(await gate.enter(1000)).toBe(true);
    const order: string[] = [];
    const cart = gate.enter(1000, 'normal').then(() => order.push('cart'));
    const checkout = gate.enter(1000, 'high').then(() => order.push('checkout'));
    gate.leave();
    await checkout;
    gate.leave();
    await cart;
    expect(order).toEqual(['checkout', 'cart']);
  });
});
