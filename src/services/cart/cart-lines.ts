import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowFromJson, type JsonRecord } from '../../db/json-rows.ts';
import { readOne, type JsonRead } from '../../db/read-together.ts';
import {
  addonRequiredTicketTypes,
  addons,
  cartItems,
  carts,
  ticketTypes,
  type Addon,
  type Cart,
  type CartItem,
  type TicketType,
} from '../../db/schema/index.ts';
import { money, type Money } from '../../domain/money.ts';
import type { StockLine } from '../../domain/stock-rules.ts';

/** A cart line with its live product (CART-2: carts store no prices; they follow the product). */
export type CartLine = StockLine & {
  itemId: string;
  slug: string;
  conferenceId: string;
  unitPrice: Money;
  createdAt: Date;
};

/** What a line shows of its product, before it is a line of any cart. */
export type ProductLine = CartLine extends infer L
  ? L extends CartLine
    ? Omit<L, 'itemId' | 'quantity' | 'createdAt'>
    : never
  : never;

function productLineOf(
  ticket: TicketType | null,
  addon: Addon | null,
  requiredTicketTypeIds: string[],
): ProductLine | null {
  if (ticket) {
    return {
      kind: 'ticket',
      product: ticket,
      slug: ticket.slug,
      conferenceId: ticket.conferenceId,
      unitPrice: money(ticket.price),
    };
  }
  if (!addon) return null;
  return {
    kind: 'addon',
    product: { ...addon, requiredTicketTypeIds },
    slug: addon.slug,
    conferenceId: addon.conferenceId,
    unitPrice: money(addon.price),
  };
}

export function cartLineOf(
  item: Pick<CartItem, 'id' | 'quantity' | 'createdAt'>,
  product: ProductLine,
): CartLine {
  return { ...product, itemId: item.id, quantity: item.quantity, createdAt: item.createdAt };
}

/** Lines in creation order, which decides pricing ties (W-25). */
export async function loadCartLines(db: Database, cartId: string): Promise<CartLine[]> {
  const rows = await db
    .select({ item: cartItems, ticket: ticketTypes, addon: addons })
    .from(cartItems)
    .leftJoin(ticketTypes, eq(ticketTypes.id, cartItems.ticketTypeId))
    .leftJoin(addons, eq(addons.id, cartItems.addonId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id));
  const addonIds = rows.flatMap((r) => (r.addon ? [r.addon.id] : []));
  const requirements =
    addonIds.length === 0
      ? []
      : await db
          .select()
          .from(addonRequiredTicketTypes)
          .where(inArray(addonRequiredTicketTypes.addonId, addonIds));
  return rows.map(({ item, ticket, addon }) => {
    const required = requirements.filter((r) => r.addonId === addon?.id).map((r) => r.ticketTypeId);
    const product = productLineOf(ticket, addon, required);
    if (!product) throw new Error(`cart item ${item.id} has no product`);
    return cartLineOf(item, product);
  });
}

interface LineJson {
  item: JsonRecord;
  ticket: JsonRecord | null;
  addon: JsonRecord | null;
  requires: string[];
}

/** A line's item, product and add-on requirements as JSON, for the one-statement reads below. */
const LINE_JSON = sql.raw(`jsonb_build_object('item', to_jsonb(i.*), 'ticket', to_jsonb(t.*),
  'addon', to_jsonb(a.*), 'requires', (SELECT coalesce(jsonb_agg(r.ticket_type_id), '[]'::jsonb)
    FROM addon_required_ticket_types r WHERE r.addon_id = a.id))`);

function lineFromJson(json: LineJson): CartLine {
  const item = rowFromJson(cartItems, json.item);
  const product = productLineOf(
    json.ticket && rowFromJson(ticketTypes, json.ticket),
    json.addon && rowFromJson(addons, json.addon),
    json.requires,
  );
  if (!product) throw new Error(`cart item ${item.id} has no product`);
  return cartLineOf(item, product);
}

export interface OpenCartWithLines {
  cart: Cart;
  lines: CartLine[];
}

/** The buyer's latest open online cart (D4.1), as SQL for the reads below. */
export function openCartIdSql(userId: string, conferenceId: string): SQL {
  return sql`SELECT c.id FROM carts c
    WHERE c.user_id = ${userId} AND c.conference_id = ${conferenceId}
      AND c.status = 'open' AND c.kind = 'online'
    ORDER BY c.created_at DESC LIMIT 1`;
}

/** The buyer's open cart with its lines as one JSON value (see readTogether). */
export function openCartRead(
  userId: string,
  conferenceId: string,
): JsonRead<OpenCartWithLines | undefined> {
  return {
    json: sql`SELECT jsonb_build_object('cart', to_jsonb(c.*), 'lines',
        (SELECT coalesce(jsonb_agg(${LINE_JSON} ORDER BY i.created_at, i.id), '[]'::jsonb)
         FROM cart_items i LEFT JOIN ticket_types t ON t.id = i.ticket_type_id
           LEFT JOIN addons a ON a.id = i.addon_id
         WHERE i.cart_id = c.id))
      FROM carts c WHERE c.id = (${openCartIdSql(userId, conferenceId)})`,
    decode: (value) => {
      if (value === null) return undefined;
      const row = value as { cart: JsonRecord; lines: LineJson[] };
      return { cart: rowFromJson(carts, row.cart), lines: row.lines.map(lineFromJson) };
    },
  };
}

export function findOpenCartWithLines(
  db: Database,
  userId: string,
  conferenceId: string,
): Promise<OpenCartWithLines | undefined> {
  return readOne(db, openCartRead(userId, conferenceId));
}

/** A ticket type or add-on as a line would show it (null: no such product), as one JSON value. */
export function productRead(
  kind: 'ticket' | 'addon',
  productId: string,
): JsonRead<ProductLine | null> {
  return {
    json:
      kind === 'ticket'
        ? sql`SELECT jsonb_build_object('ticket', to_jsonb(t.*), 'addon', NULL, 'requires', '[]'::jsonb)
            FROM ticket_types t WHERE t.id = ${productId}`
        : sql`SELECT jsonb_build_object('ticket', NULL, 'addon', to_jsonb(a.*), 'requires',
              (SELECT coalesce(jsonb_agg(r.ticket_type_id), '[]'::jsonb)
               FROM addon_required_ticket_types r WHERE r.addon_id = a.id))
            FROM addons a WHERE a.id = ${productId}`,
    decode: (value) => {
      if (value === null) return null;
      const row = value as Omit<LineJson, 'item'>;
      return productLineOf(
        row.ticket && rowFromJson(ticketTypes, row.ticket),
        row.addon && rowFromJson(addons, row.addon),
        row.requires,
      );
    },
  };
}
