import { api, unwrap } from '../../shared/api/client.ts';
import type { Cart, ProductKind } from './shapes.ts';

const cartParams = (slug: string) => ({ params: { path: { slug } } });
const itemParams = (slug: string, itemId: string) => ({ params: { path: { slug, itemId } } });

export function getCart(slug: string): Promise<Cart> {
  return unwrap(api.GET('/api/v1/conferences/{slug}/cart', cartParams(slug)));
}

export function addCartItem(
  slug: string,
  kind: ProductKind,
  productId: string,
  quantity: number,
): Promise<Cart> {
  const body =
    kind === 'ticket' ? { ticketTypeId: productId, quantity } : { addonId: productId, quantity };
  return unwrap(api.POST('/api/v1/conferences/{slug}/cart/items', { ...cartParams(slug), body }));
}

/** Quantity 0 removes the line. */
export function setCartItemQuantity(slug: string, itemId: string, quantity: number): Promise<Cart> {
  return unwrap(
    api.PATCH('/api/v1/conferences/{slug}/cart/items/{itemId}', {
      ...itemParams(slug, itemId),
      body: { quantity },
    }),
  );
}

export function removeCartItem(slug: string, itemId: string): Promise<Cart> {
  return unwrap(
    api.DELETE('/api/v1/conferences/{slug}/cart/items/{itemId}', itemParams(slug, itemId)),
  );
}

export function applyVoucher(slug: string, code: string): Promise<Cart> {
  return unwrap(
    api.PUT('/api/v1/conferences/{slug}/cart/voucher', { ...cartParams(slug), body: { code } }),
  );
}

export function removeVoucher(slug: string): Promise<Cart> {
  return unwrap(api.DELETE('/api/v1/conferences/{slug}/cart/voucher', cartParams(slug)));
}
