import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findStatusWrites } from '../support/source-scan.ts';

// Issue 15.3: services/orders owns every status write of orders, payments and refunds (one
// file per entity, each checking the src/domain/states machine). A new inline write anywhere
// under src/ fails here with its file and line.

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

const OWNERS: Record<string, string> = {
  orders: 'services/orders/order-status.ts',
  payments: 'services/orders/payment-status.ts',
  refunds: 'services/orders/refund-status.ts',
};

/**
 * Inserts of a declared initial status outside the owner, each with why it stays. Checkout
 * inserts the pending order (its initial state; the kernel's one statement writes it too).
 */
const ALLOWED_INSERTS = new Set(['services/checkout/write-order.ts:orders']);

describe('status writes', () => {
  const writes = findStatusWrites(SRC);

  it('happen only in each entity’s owner module', () => {
    const stray = writes
      .filter((w) => w.file !== OWNERS[w.table])
      .filter((w) => !(w.kind === 'insert' && ALLOWED_INSERTS.has(`${w.file}:${w.table}`)))
      .map((w) => `${w.file}:${w.line} ${w.kind} ${w.table}`);
    expect(stray).toEqual([]);
  });

  it('the scan sees the owners’ own writes (it is not blind)', () => {
    const seen = new Set(writes.map((w) => `${w.file}:${w.table}:${w.kind}`));
    expect(seen).toContain('services/orders/order-status.ts:orders:update');
    expect(seen).toContain('services/orders/payment-status.ts:payments:update');
    expect(seen).toContain('services/orders/payment-status.ts:payments:insert');
    expect(seen).toContain('services/orders/refund-status.ts:refunds:update');
    expect(seen).toContain('services/orders/refund-status.ts:refunds:insert');
  });
});
