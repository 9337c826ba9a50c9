import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  aliased,
  fromOf,
  jsonArray,
  jsonObject,
  jsonRow,
  maybeOne,
  orNull,
  jsonFrom,
  type JsonValueOf,
} from '../../db/json-shapes.ts';
import { defineRead, readOne, type JsonRead, type Slots } from '../../db/read-together.ts';
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
import { openCartIdSql } from './open-cart.ts';

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

const i = aliased(cartItems, 'i');
const t = aliased(ticketTypes, 't');
const a = aliased(addons, 'a');
const r = aliased(addonRequiredTicketTypes, 'r');
const c = aliased(carts, 'c');

/** The ticket types an add-on `a` needs in the cart (CART-10), as a JSON array. */
const requiresJson = sql<string[]>`(SELECT coalesce(jsonb_agg(${r.ticketTypeId}), '[]'::jsonb)
  FROM ${fromOf(r)} WHERE ${r.addonId} = ${a.id})`;

const lineJson = jsonObject({
  item: jsonRow(i),
  ticket: orNull(jsonRow(t), t.id),
  addon: orNull(jsonRow(a), a.id),
  requires: requiresJson,
});

function lineOf(json: JsonValueOf<typeof lineJson>): CartLine {
  const product = productLineOf(json.ticket, json.addon, json.requires);
  if (!product) throw new Error(`cart item ${json.item.id} has no product`);
  return cartLineOf(json.item, product);
}

/** A cart's lines with their products, in creation order (W-25 pricing ties), as a JSON array. */
const linesJson = jsonArray(lineJson, sql`${i.createdAt}, ${i.id}`);

function cartLinesSql(cartId: SQL): SQL {
  return sql`SELECT ${linesJson}
    FROM ${fromOf(i)} LEFT JOIN ${fromOf(t)} ON ${t.id} = ${i.ticketTypeId}
      LEFT JOIN ${fromOf(a)} ON ${a.id} = ${i.addonId}
    WHERE ${i.cartId} = ${cartId}`;
}

const cartLinesRead = defineRead(
  (v: Slots<{ cartId: string }>) => cartLinesSql(sql`${v.cartId}::uuid`),
  (value) => linesJson.decode(value).map(lineOf),
);

export function loadCartLines(db: Database, cartId: string): Promise<CartLine[]> {
  return readOne(db, cartLinesRead({ cartId }));
}

export interface OpenCartWithLines {
  cart: Cart;
  lines: CartLine[];
}

const openCartJson = maybeOne(
  jsonObject({ cart: jsonRow(c), lines: jsonFrom(linesJson, cartLinesSql(sql`${c.id}`)) }),
);

const openCartShape = defineRead(
  (v: Slots<{ userId: string; conferenceId: string }>) => sql`SELECT ${openCartJson}
      FROM ${fromOf(c)} WHERE ${c.id} = (${openCartIdSql(v.userId, v.conferenceId)})`,
  (value): OpenCartWithLines | undefined => {
    const row = openCartJson.decode(value);
    return row ? { cart: row.cart, lines: row.lines.map(lineOf) } : undefined;
  },
);

/** The buyer's open cart with its lines as one JSON value (see readTogether). */
export function openCartRead(
  userId: string,
  conferenceId: string,
): JsonRead<OpenCartWithLines | undefined> {
  return openCartShape({ userId, conferenceId });
}

const ticketJson = maybeOne(jsonRow(t));
const addonJson = maybeOne(jsonObject({ addon: jsonRow(a), requires: requiresJson }));
const productShapes = {
  ticket: defineRead(
    (v: Slots<{ productId: string }>) =>
      sql`SELECT ${ticketJson} FROM ${fromOf(t)} WHERE ${t.id} = ${v.productId}`,
    (value) => productLineOf(ticketJson.decode(value), null, []),
  ),
  addon: defineRead(
    (v: Slots<{ productId: string }>) =>
      sql`SELECT ${addonJson} FROM ${fromOf(a)} WHERE ${a.id} = ${v.productId}`,
    (value) => {
      const row = addonJson.decode(value);
      return row && productLineOf(null, row.addon, row.requires);
    },
  ),
};

/** A ticket type or add-on as a line would show it (null: no such product), as one JSON value. */
export function productRead(
  kind: 'ticket' | 'addon',
  productId: string,
): JsonRead<ProductLine | null> {
  return productShapes[kind]({ productId });
}
