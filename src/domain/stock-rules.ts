import {
  isConferenceOnSale,
  saleStateOf,
  type SaleState,
  type SellingConference,
} from './sale-state.ts';

/**
 * The one stock rule for add-to-cart and checkout alike (D2.4, W-3): every check compares the
 * desired quantity in the cart with what the counted orders leave.
 */
export interface StockProduct {
  id: string;
  name: string;
  isActive: boolean;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** 0 = unlimited. */
  totalQuantity: number;
}

export interface StockTicket extends StockProduct {
  limitPerUser: number;
  requiresVoucher: boolean;
}

export interface StockAddon extends StockProduct {
  requiredTicketTypeIds: readonly string[];
}

export type StockLine =
  | { kind: 'ticket'; product: StockTicket; quantity: number }
  | { kind: 'addon'; product: StockAddon; quantity: number };

export interface VoucherGate {
  /** Voucher usable now (active, uses left, window open) and unlocks hidden tickets. */
  unlocks: boolean;
  ticketTypeIds: readonly string[];
}

export interface StockFacts {
  conference: SellingConference & { totalCapacity: number };
  soldByTicketType: ReadonlyMap<string, number>;
  soldByAddon: ReadonlyMap<string, number>;
  /** Ticket units counted against the venue cap (INV-3). */
  soldTicketUnits: number;
  /** Units of each ticket type the buyer already holds in counted orders (D2.4, W-9). */
  heldByBuyer: ReadonlyMap<string, number>;
  voucher: VoucherGate | null;
  now: Date;
}

export type StockViolation =
  | { code: 'CONFERENCE_CLOSED' }
  | { code: 'TICKET_UNAVAILABLE'; product: string; saleState: SaleState }
  | { code: 'TICKET_STOCK'; product: string; remaining: number; requested: number }
  | {
      code: 'PER_USER_LIMIT';
      product: string;
      limit: number;
      alreadyHeld: number;
      requested: number;
    }
  | { code: 'CAPACITY_SOLD_OUT'; capacity: number }
  | { code: 'CAPACITY_INSUFFICIENT'; capacity: number; remaining: number; requested: number }
  | { code: 'VOUCHER_REQUIRED'; product: string }
  | { code: 'VOUCHER_SCOPE_MISMATCH'; product: string }
  | { code: 'ADDON_UNAVAILABLE'; product: string; saleState: SaleState }
  | { code: 'ADDON_PREREQ_MISSING'; product: string; requiredTicketTypeIds: readonly string[] }
  | { code: 'ADDON_STOCK'; product: string; remaining: number; requested: number };

function remaining(total: number, sold: number): number | null {
  return total === 0 ? null : total - sold;
}

function ticketViolation(
  line: Extract<StockLine, { kind: 'ticket' }>,
  facts: StockFacts,
): StockViolation | null {
  const { product, quantity } = line;
  const left = remaining(product.totalQuantity, facts.soldByTicketType.get(product.id) ?? 0);
  const saleState = saleStateOf({ ...product, remaining: left }, facts.conference, facts.now);
  if (saleState === 'sold_out' || (left !== null && left < quantity)) {
    return {
      code: 'TICKET_STOCK',
      product: product.name,
      remaining: Math.max(left ?? 0, 0),
      requested: quantity,
    };
  }
  if (saleState !== 'on_sale')
    return { code: 'TICKET_UNAVAILABLE', product: product.name, saleState };
  const held = facts.heldByBuyer.get(product.id) ?? 0;
  if (held + quantity > product.limitPerUser) {
    return {
      code: 'PER_USER_LIMIT',
      product: product.name,
      limit: product.limitPerUser,
      alreadyHeld: held,
      requested: quantity,
    };
  }
  if (product.requiresVoucher) {
    // CART-9 decided: only a usable voucher unlocks, and the gate is re-checked at checkout (W-8).
    if (!facts.voucher?.unlocks) return { code: 'VOUCHER_REQUIRED', product: product.name };
    const scope = facts.voucher.ticketTypeIds;
    if (scope.length > 0 && !scope.includes(product.id))
      return { code: 'VOUCHER_SCOPE_MISMATCH', product: product.name };
  }
  return null;
}

function addonViolation(
  line: Extract<StockLine, { kind: 'addon' }>,
  ticketTypeIdsInCart: ReadonlySet<string>,
  facts: StockFacts,
): StockViolation | null {
  const { product, quantity } = line;
  const left = remaining(product.totalQuantity, facts.soldByAddon.get(product.id) ?? 0);
  const saleState = saleStateOf({ ...product, remaining: left }, facts.conference, facts.now);
  if (saleState !== 'on_sale' && saleState !== 'sold_out')
    return { code: 'ADDON_UNAVAILABLE', product: product.name, saleState };
  const required = product.requiredTicketTypeIds;
  if (required.length > 0 && !required.some((id) => ticketTypeIdsInCart.has(id))) {
    return { code: 'ADDON_PREREQ_MISSING', product: product.name, requiredTicketTypeIds: required };
  }
  if (left !== null && left < quantity) {
    return {
      code: 'ADDON_STOCK',
      product: product.name,
      remaining: Math.max(left, 0),
      requested: quantity,
    };
  }
  return null;
}

function capacityViolation(lines: readonly StockLine[], facts: StockFacts): StockViolation | null {
  const capacity = facts.conference.totalCapacity;
  if (capacity === 0) return null;
  const requested = lines.reduce(
    (sum, line) => sum + (line.kind === 'ticket' ? line.quantity : 0),
    0,
  );
  if (requested === 0) return null;
  const left = capacity - facts.soldTicketUnits;
  if (left <= 0) return { code: 'CAPACITY_SOLD_OUT', capacity };
  if (requested > left)
    return { code: 'CAPACITY_INSUFFICIENT', capacity, remaining: left, requested };
  return null;
}

/**
 * First violation of the whole desired cart, in a fixed order: tickets (stock, window, per-user
 * limit, voucher gate), venue capacity, then add-ons (window, prerequisite, stock).
 * `only` restricts per-line checks to the lines a cart change touched.
 */
export function findStockViolation<L extends StockLine>(
  lines: readonly L[],
  facts: StockFacts,
  only?: (line: L) => boolean,
): StockViolation | null {
  if (lines.length > 0 && !isConferenceOnSale(facts.conference, facts.now))
    return { code: 'CONFERENCE_CLOSED' };
  const checked = only ? lines.filter(only) : lines;
  for (const line of checked) {
    const violation = line.kind === 'ticket' ? ticketViolation(line, facts) : null;
    if (violation) return violation;
  }
  const capacity = checked.some((l) => l.kind === 'ticket')
    ? capacityViolation(lines, facts)
    : null;
  if (capacity) return capacity;
  const ticketTypeIds = new Set(lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id));
  for (const line of checked) {
    const violation = line.kind === 'addon' ? addonViolation(line, ticketTypeIds, facts) : null;
    if (violation) return violation;
  }
  return null;
}

/** A count that checkout takes again under its locks (D2.2), as the counting statement names it. */
export type CountName =
  'ticketSold' | 'addonSold' | 'heldByBuyer' | 'venueUnits' | 'voucherUses' | 'conditionUnits';

/**
 * How far a fresh count may go before a decision taken without it stops holding: at most `max`,
 * or exactly `equals` (a count that pricing depends on). The database checks these, in ONE
 * function (`lanyard_broken_bound`), in the same statement that locks and counts, so no round
 * trip happens under the lock.
 */
export type CountBound = { count: CountName; id?: string } & (
  { max: number; equals?: never } | { equals: number; max?: never }
);

/** What `stockBounds` reads of a line: a cart line, or the line of an order taken again (D2.6). */
export type BoundedLine =
  | {
      kind: 'ticket';
      product: Pick<StockTicket, 'id' | 'totalQuantity' | 'limitPerUser'>;
      quantity: number;
    }
  | { kind: 'addon'; product: Pick<StockAddon, 'id' | 'totalQuantity'>; quantity: number };

/** Lines of the same product as one line, so that each product gets one bound. */
export function mergedByProduct<L extends BoundedLine>(lines: readonly L[]): L[] {
  const merged = new Map<string, L>();
  for (const line of lines) {
    const key = `${line.kind}:${line.product.id}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, quantity: seen.quantity + line.quantity } : line);
  }
  return [...merged.values()];
}

/**
 * The stock rule as bounds on the counts. For a cart whose lines pass `findStockViolation` with
 * nothing counted yet, the cart passes with any counts exactly when every count is within these
 * bounds (property-tested against `findStockViolation`, so the rule itself stays in one place).
 */
export function stockBounds(
  lines: readonly BoundedLine[],
  conference: { totalCapacity: number },
): CountBound[] {
  const bounds: CountBound[] = [];
  let ticketUnits = 0;
  for (const { kind, product, quantity } of lines) {
    const sold: CountName = kind === 'ticket' ? 'ticketSold' : 'addonSold';
    if (product.totalQuantity > 0)
      bounds.push({ count: sold, id: product.id, max: product.totalQuantity - quantity });
    if (kind === 'ticket') {
      ticketUnits += quantity;
      bounds.push({ count: 'heldByBuyer', id: product.id, max: product.limitPerUser - quantity });
    }
  }
  if (conference.totalCapacity > 0 && ticketUnits > 0)
    bounds.push({ count: 'venueUnits', max: conference.totalCapacity - ticketUnits });
  return bounds;
}
