import type { CountBound, CountName } from '../../src/domain/stock-rules.ts';

/** A fresh count by name, and by product, buyer holding or condition id where it has one. */
export type CountOf = (count: CountName, id: string | undefined) => number;

/**
 * The tests' reading of a bound: the first bound a fresh count breaks, or null. Production code
 * checks bounds in one place only, the database (`lanyard_broken_bound`); the contract test
 * (test/integration/sql-contract.test.ts) holds that function to this reading.
 */
export function brokenBound(bounds: readonly CountBound[], countOf: CountOf): CountBound | null {
  for (const bound of bounds) {
    const value = countOf(bound.count, bound.id);
    if (bound.max !== undefined ? value > bound.max : value !== bound.equals) return bound;
  }
  return null;
}
