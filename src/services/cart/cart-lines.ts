import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowFromJson, type JsonRecord } from '../../db/json-rows.ts';
import { defineRead, readOne, type JsonRead, type Slots } from '../../db/read-together.ts';
import {
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

interface ProductJson {
  ticket: JsonRecord | null;
  addon: JsonRecord | null;
  requires: string[];
}

type LineJson = ProductJson & { item: JsonRecord };

/** The ticket types an add-on `a` needs in the cart (CART-10), as a JSON array. */
const REQUIRES_JSON = sql.raw(`(SELECT coalesce(jsonb_agg(r.ticket_type_id), '[]'::jsonb)
  FROM addon_required_ticket_types r WHERE r.addon_id = a.id)`);

function productFromJson(json: ProductJson): ProductLine | null {
  return productLineOf(
    json.ticket && rowFromJson(ticketTypes, json.ticket),
    json.addon && rowFromJson(addons, json.addon),
    json.requires,
  );
}

function lineFromJson(json: LineJson): CartLine {
  const item = rowFromJson(cartItems, json.item);
  const product = productFromJson(json);
  if (!product) throw new Error(`cart item ${item.id} has no product`);
  return cartLineOf(item, product);
}

/** A cart's lines with their products, in creation order (W-25 pricing ties), as a JSON array. */
function cartLinesJson(cartId: SQL): SQL {
  return sql`SELECT coalesce(jsonb_agg(jsonb_build_object('item', to_jsonb(i.*), 'ticket', to_jsonb(t.*),
      'addon', to_jsonb(a.*), 'requires', ${REQUIRES_JSON}) ORDER BY i.created_at, i.id), '[]'::jsonb)
    FROM cart_items i LEFT JOIN ticket_types t ON t.id = i.ticket_type_id
      LEFT JOIN addons a ON a.id = i.addon_id
    WHERE i.cart_id = ${cartId}`;
}

const cartLinesRead = defineRead(
  (v: Slots<{ cartId: string }>) => cartLinesJson(sql`${v.cartId}::uuid`),
  (value) => (value as LineJson[]).map(lineFromJson),
);

export function loadCartLines(db: Database, cartId: string): Promise<CartLine[]> {
  return readOne(db, cartLinesRead({ cartId }));
}

export interface OpenCartWithLines {
  cart: Cart;
  lines: CartLine[];
}

const openCartShape = defineRead(
  (
    v: Slots<{ userId: string; conferenceId: string }>,
  ) => sql`SELECT jsonb_build_object('cart', to_jsonb(c.*), 'lines', (${cartLinesJson(sql`c.id`)}))
      FROM carts c WHERE c.id = (${openCartIdSql(v.userId, v.conferenceId)})`,
  (value): OpenCartWithLines | undefined => {
    if (value === null) return undefined;
    const row = value as { cart: JsonRecord; lines: LineJson[] };
    return { cart: rowFromJson(carts, row.cart), lines: row.lines.map(lineFromJson) };
  },
);

/** The buyer's open cart with its lines as one JSON value (see readTogether). */
export function openCartRead(
  userId: string,
  conferenceId: string,
): JsonRead<OpenCartWithLines | undefined> {
  return openCartShape({ userId, conferenceId });
}

const decodeProduct = (value: unknown) =>
  value === null ? null : productFromJson(value as ProductJson);
const productShapes = {
  ticket: defineRead(
    (
      v: Slots<{ productId: string }>,
    ) => sql`SELECT jsonb_build_object('ticket', to_jsonb(t.*), 'addon', NULL, 'requires', '[]'::jsonb)
      FROM ticket_types t WHERE t.id = ${v.productId}`,
    decodeProduct,
  ),
  addon: defineRead(
    (
      v: Slots<{ productId: string }>,
    ) => sql`SELECT jsonb_build_object('ticket', NULL, 'addon', to_jsonb(a.*), 'requires', ${REQUIRES_JSON})
      FROM addons a WHERE a.id = ${v.productId}`,
    decodeProduct,
  ),
};

/** A ticket type or add-on as a line would show it (null: no such product), as one JSON value. */
export function productRead(
  kind: 'ticket' | 'addon',
  productId: string,
): JsonRead<ProductLine | null> {
  return productShapes[kind]({ productId });
}
