import type { Money } from '../money.ts';
import { conditionLineEffect } from './condition-effect.ts';
import {
  orderConditions,
  partialReason,
  qualificationReason,
  remainingAllowance,
} from './condition-rules.ts';
import { isConditionInScope } from './scope.ts';
import type {
  BuyerFacts,
  ConditionReasonCode,
  ConditionUsage,
  PricingCondition,
  PricingLine,
} from './types.ts';

export interface ConditionApplication {
  readonly condition: PricingCondition;
  readonly amount: Money;
  readonly units: number;
  readonly reasonCode: ConditionReasonCode;
}

export interface ConditionPass {
  /** Index-aligned with the input lines; null where no condition applied. */
  readonly applied: readonly (ConditionApplication | null)[];
  readonly usage: readonly ConditionUsage[];
}

/**
 * COND-10: conditions in D3.3 order, each over the lines in cart order; a line takes the first
 * condition that gives it a positive discount and is then closed to the others (no stacking).
 * A zero result leaves the line open, which is also what happens once an allowance runs out.
 */
export function applyConditions(
  lines: readonly PricingLine[],
  conditions: readonly PricingCondition[],
  buyer: BuyerFacts,
  now: Date,
): ConditionPass {
  const applied: (ConditionApplication | null)[] = lines.map(() => null);
  const usage: ConditionUsage[] = [];
  for (const condition of orderConditions(conditions)) {
    const reason = qualificationReason(condition, buyer, now);
    if (reason === null) continue;
    let allowance = remainingAllowance(condition);
    let unitsTaken = 0;
    lines.forEach((line, i) => {
      if (applied[i] !== null || !isConditionInScope(condition, line)) return;
      const effect = conditionLineEffect(condition, line, allowance);
      if (effect.amount <= 0) return;
      allowance -= effect.units;
      unitsTaken += effect.units;
      const reasonCode = effect.cutByAllowance ? partialReason(reason) : reason;
      applied[i] = { condition, amount: effect.amount, units: effect.units, reasonCode };
    });
    if (unitsTaken > 0) usage.push({ conditionId: condition.id, units: unitsTaken });
  }
  return { applied, usage };
}
