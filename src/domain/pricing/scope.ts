import type { LineKind, PricingCondition, ProductScope } from './types.ts';

export interface ScopedProduct {
  readonly kind: LineKind;
  readonly productId: string;
}

/**
 * Both sets empty → every product is in scope; otherwise exactly the listed products are, so
 * scoping a voucher or condition to one ticket type no longer leaks onto every add-on
 * (we replace C-3 to fix W-22 / COND-13, for vouchers and conditions alike).
 */
export function isInScope(scope: ProductScope, line: ScopedProduct): boolean {
  if (scope.ticketTypeIds.length === 0 && scope.addonIds.length === 0) return true;
  const listed = line.kind === 'ticket' ? scope.ticketTypeIds : scope.addonIds;
  return listed.includes(line.productId);
}

/** A category discount is scoped by kind flags only, never by product sets (COND-9). */
export function isConditionInScope(
  condition: Pick<
    PricingCondition,
    keyof ProductScope | 'kind' | 'applyToTickets' | 'applyToAddons'
  >,
  line: ScopedProduct,
): boolean {
  if (condition.kind === 'category_discount') {
    return line.kind === 'ticket' ? condition.applyToTickets : condition.applyToAddons;
  }
  return isInScope(condition, line);
}
