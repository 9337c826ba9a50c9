import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isUnitLimited,
  priceCart,
  pricingBounds,
  type PricingInput,
} from '../../../src/domain/pricing/index.ts';
import { pricingInputArb } from './arbitraries.ts';

// The one-statement checkout prices without counting, then lets the database check the fresh
// counts against `pricingBounds` (D2.2, D3.6). That is only sound if a count within its bound
// always gives the price the buyer was shown.

const RUNS = { numRuns: 1000 };

/** The input again, with fresh used units for each limited condition. */
function withUnitsUsed(input: PricingInput, fresh: ReadonlyMap<string, number>): PricingInput {
  return {
    ...input,
    conditions: input.conditions.map((c) =>
      fresh.has(c.id) ? { ...c, unitsUsed: fresh.get(c.id) ?? c.unitsUsed } : c,
    ),
  };
}

describe('pricingBounds (D3.6 checked by the database in one statement)', () => {
  it('any count within the bounds prices exactly as the count it was priced with', () => {
    fc.assert(
      fc.property(
        pricingInputArb,
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        (input, picks) => {
          const priced = priceCart(input);
          const bounds = pricingBounds(input.conditions, null, priced.conditionUsage);
          const fresh = new Map<string, number>();
          bounds.forEach((bound, i) => {
            if (bound.count !== 'conditionUnits' || bound.id === undefined) return;
            const value =
              bound.max !== undefined
                ? (picks[i % picks.length] ?? 0) % (bound.max + 1)
                : bound.equals;
            fresh.set(bound.id, value);
          });
          expect(priceCart(withUnitsUsed(input, fresh))).toEqual(priced);
        },
      ),
      RUNS,
    );
  });

  it('one unit past a max bound leaves the cart fewer units than it took', () => {
    fc.assert(
      fc.property(pricingInputArb, (input) => {
        const priced = priceCart(input);
        for (const bound of pricingBounds(input.conditions, null, priced.conditionUsage)) {
          if (bound.max === undefined || bound.id === undefined) continue;
          const took = priced.conditionUsage.find((u) => u.conditionId === bound.id)?.units ?? 0;
          fc.pre(took > 0);
          const past = priceCart(withUnitsUsed(input, new Map([[bound.id, bound.max + 1]])));
          const left = past.conditionUsage.find((u) => u.conditionId === bound.id)?.units ?? 0;
          expect(left).toBeLessThan(took);
        }
      }),
      RUNS,
    );
  });

  it('a condition with room to spare lets other buyers take units meanwhile (a rush stays fresh)', () => {
    fc.assert(
      fc.property(pricingInputArb, (input) => {
        const priced = priceCart(input);
        const bounds = pricingBounds(input.conditions, null, priced.conditionUsage);
        const limited = input.conditions.filter(isUnitLimited);
        expect(bounds.map((b) => b.id)).toEqual(limited.map((c) => c.id));
        for (const [i, c] of limited.entries()) {
          const took = priced.conditionUsage.find((u) => u.conditionId === c.id)?.units ?? 0;
          if (took + c.unitsUsed < c.usageLimit)
            expect(bounds[i]?.max).toBeGreaterThan(c.unitsUsed);
        }
      }),
      RUNS,
    );
  });
});
