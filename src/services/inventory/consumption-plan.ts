import type { LockKey } from '../../db/locks.ts';
import type { Conference } from '../../db/schema/index.ts';
import {
  mergedByProduct,
  stockBounds,
  type BoundedLine,
  type CountBound,
} from '../../domain/stock-rules.ts';
import { countScopeOf, type CartCountScope } from './count-for-cart.ts';

/**
 * What an operation that takes capacity wants (checkout, late-payment revival; later desk sales,
 * purchase-order seats, staff-issued tickets, transfers): the products, and what its own rules
 * decided about the counts it depends on.
 */
export interface Demand {
  conference: Pick<Conference, 'id' | 'totalCapacity'>;
  buyerId: string;
  /** Units taken per product, with the product's limits (stock, per-user limit). */
  lines: readonly BoundedLine[];
  voucherId: string | null;
  /** Conditions with a unit limit (D3.6) whose units this operation takes or depends on. */
  limitedConditionIds: readonly string[];
  /** Bounds beyond stock, from the operation's own domain rule (`pricingBounds`, `revivalUsage`). */
  usage: readonly CountBound[];
  /** Spending store credit locks the buyer's scope, which also guards their balance. */
  spendsCredit: boolean;
  /** An order already written in this transaction, left out of the voucher count (it is the taker). */
  excludeOrderId?: string | null;
}

/** ONE plan per consumption: what to lock, what to count, and how far each count may be. */
export interface ConsumptionPlan {
  keys: LockKey[];
  scope: CartCountScope;
  /** Checked against the fresh counts in one place, in the database (`lanyard_broken_bound`). */
  bounds: CountBound[];
}

/** D2.2: every resource an operation consumes, so that counting happens under its lock. */
export function consumptionKeys(
  conference: Pick<Conference, 'id' | 'totalCapacity'>,
  buyerId: string,
  lines: ReadonlyArray<{ kind: 'ticket' | 'addon'; product: { id: string } }>,
  voucher: { id: string } | null,
  limitedConditions: ReadonlyArray<{ id: string }>,
  spendsCredit: boolean,
): LockKey[] {
  const keys: LockKey[] = lines.map((line) =>
    line.kind === 'ticket'
      ? { kind: 'ticket_type', id: line.product.id }
      : { kind: 'addon', id: line.product.id },
  );
  const hasTickets = lines.some((l) => l.kind === 'ticket');
  if (hasTickets && conference.totalCapacity > 0)
    keys.push({ kind: 'conference', id: conference.id });
  // The buyer's scope guards both the per-user limit and their credit balance.
  if (hasTickets || spendsCredit) keys.push({ kind: 'buyer', id: `${conference.id}:${buyerId}` });
  if (voucher) keys.push({ kind: 'voucher', id: voucher.id });
  for (const condition of limitedConditions) keys.push({ kind: 'condition', id: condition.id });
  return keys;
}

/**
 * The one function that turns a demand into a plan: the stock rule's bounds (`stockBounds`,
 * per product, venue and per-user limit) plus the operation's own usage bounds, the lock keys
 * of everything those bounds read, and the count scope that produces those counts.
 */
export function planConsumption(demand: Demand): ConsumptionPlan {
  const { conference, buyerId, voucherId, spendsCredit } = demand;
  const lines = mergedByProduct(demand.lines);
  const limitedConditionIds = [...new Set(demand.limitedConditionIds)];
  return {
    keys: consumptionKeys(
      conference,
      buyerId,
      lines,
      voucherId === null ? null : { id: voucherId },
      limitedConditionIds.map((id) => ({ id })),
      spendsCredit,
    ),
    scope: countScopeOf(conference, buyerId, lines, {
      voucherId,
      limitedConditionIds,
      excludeOrderId: demand.excludeOrderId ?? null,
    }),
    bounds: [...stockBounds(lines, conference), ...demand.usage],
  };
}
