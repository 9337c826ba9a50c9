import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { addonRequiredTicketTypes, addons, cartItems, ticketTypes } from '../../db/schema/index.ts';
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
  return rows.map(({ item, ticket, addon }): CartLine => {
    const base = { itemId: item.id, quantity: item.quantity, createdAt: item.createdAt };
    if (ticket)
      return {
        ...base,
        kind: 'ticket',
        product: ticket,
        slug: ticket.slug,
        conferenceId: ticket.conferenceId,
        unitPrice: money(ticket.price),
      };
    if (!addon) throw new Error(`cart item ${item.id} has no product`);
    const requiredTicketTypeIds = requirements
      .filter((r) => r.addonId === addon.id)
      .map((r) => r.ticketTypeId);
    return {
      ...base,
      kind: 'addon',
      product: { ...addon, requiredTicketTypeIds },
      slug: addon.slug,
      conferenceId: addon.conferenceId,
      unitPrice: money(addon.price),
    };
  });
}
