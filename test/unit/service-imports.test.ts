import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycle, serviceImportGraph } from '../support/source-scan.ts';

// Issue 15.3: service modules import each other in one direction only (payments and refunds
// used to import each other). The layer rules as a whole are enforced by lint (issue 15.6).

const SERVICES = fileURLToPath(new URL('../../src/services', import.meta.url));

describe('imports between service modules', () => {
  const graph = serviceImportGraph(SERVICES);

  it('form no cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('are seen by the scan (it is not blind)', () => {
    expect(graph.get('refunds')).toContain('orders');
    expect(graph.get('payments')).toContain('orders');
  });

  it('finds a cycle when there is one', () => {
    const cyclic = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
  });
});
