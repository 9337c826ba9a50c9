import type { Database } from '../../db/client.ts';
import { aliased, fromOf } from '../../db/json-shapes.ts';
import { cartItems, type Conference } from '../../db/schema/index.ts';
import type { StockFacts, StockLine, VoucherGate } from '../../domain/stock-rules.ts';
import { sql, type SQL } from 'drizzle-orm';
import { defineRead, type JsonRead, type Slots } from '../../db/read-together.ts';
import { openCartIdSql } from './open-cart.ts';
import {
  countForCart,
  countsJson,
  countsOf,
  countScopeOf,
  type CartCounts,
} from '../inventory/index.ts';

export interface CountScopeOptions {
  voucherId?: string | null;
  limitedConditionIds?: readonly string[];
  excludeOrderId?: string | null;
}

type CountSlots = Slots<{
  conferenceId: string;
  buyerId: string;
  productId: string;
  venue: boolean;
  at: string;
}>;

const i = aliased(cartItems, 'i');

/** The products of the buyer's open cart, plus the one being added when it is of this kind. */
function idsInCart(v: CountSlots, kind: 'ticket' | 'addon', adding: boolean): SQL {
  const column = kind === 'ticket' ? i.ticketTypeId : i.addonId;
  const inCart = sql`ARRAY(SELECT ${column} FROM ${fromOf(i)}
    WHERE ${i.cartId} = (${openCartIdSql(v.buyerId, v.conferenceId)}) AND ${column} IS NOT NULL)`;
  return adding ? sql`${inCart} || ARRAY[${v.productId}::uuid]` : inCart;
}

function openCartCountsShape(adding: 'ticket' | 'addon') {
  return defineRead(
    (v: CountSlots) =>
      countsJson(
        {
          conferenceId: v.conferenceId,
          buyerId: v.buyerId,
          ticketTypeIds: idsInCart(v, 'ticket', adding === 'ticket'),
          addonIds: idsInCart(v, 'addon', adding === 'addon'),
          venue: v.venue,
          voucherId: null,
          limitedConditionIds: [],
          excludeOrderId: null,
        },
        v.at,
      ),
    (value) => countsOf(value),
  );
}

const openCartCountsShapes = {
  ticket: openCartCountsShape('ticket'),
  addon: openCartCountsShape('addon'),
};

/**
 * Counts for the buyer's open cart plus a product about to be added, as one JSON value, so that
 * add-to-cart reads the cart and its counts in the same statement. Stock only: the voucher's own
 * uses come with the voucher.
 */
export function openCartCountsRead(
  conference: Conference,
  buyerId: string,
  adding: { kind: 'ticket' | 'addon'; productId: string },
  now: Date,
): JsonRead<CartCounts> {
  return openCartCountsShapes[adding.kind]({
    conferenceId: conference.id,
    buyerId,
    productId: adding.productId,
    venue: conference.totalCapacity > 0,
    at: now.toISOString(),
  });
}

export function countCart(
  db: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly StockLine[],
  now: Date,
  options: CountScopeOptions = {},
): Promise<CartCounts> {
  return countForCart(db, countScopeOf(conference, buyerId, lines, options), now);
}

export function stockFactsOf(
  conference: Conference,
  counts: CartCounts,
  voucher: VoucherGate | null,
  now: Date,
): StockFacts {
  return {
    conference,
    soldByTicketType: counts.soldByTicketType,
    soldByAddon: counts.soldByAddon,
    soldTicketUnits: counts.venueUnits,
    heldByBuyer: counts.heldByBuyer,
    voucher,
    now,
  };
}

export async function loadStockFacts(
  db: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly StockLine[],
  voucher: VoucherGate | null,
  now: Date,
): Promise<StockFacts> {
  return stockFactsOf(
    conference,
    await countCart(db, conference, buyerId, lines, now),
    voucher,
    now,
  );
}
