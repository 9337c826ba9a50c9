import { conferencePath } from './catalog.ts';
import { apiRequest } from './client.ts';
import type { Cart, ProductKind } from './types.ts';

const cartPath = (slug: string) => `${conferencePath(slug)}/cart`;

export function getCart(slug: string): Promise<Cart> {
  return apiRequest<Cart>('GET', cartPath(slug));
}

export function addCartItem(
  slug: string,
  kind: ProductKind,
  productId: string,
  quantity: number,
): Promise<Cart> {
  const body =
    kind === 'ticket' ? { ticketTypeId: productId, quantity } : { addonId: productId, quantity };
  return apiRequest<Cart>('POST', `${cartPath(slug)}/items`, { body });
}

/** Quantity 0 removes the line. */
export function setCartItemQuantity(slug: string, itemId: string, quantity: number): Promise<Cart> {
  return apiRequest<Cart>('PATCH', `${cartPath(slug)}/items/${itemId}`, { body: { quantity } });
}

export function removeCartItem(slug: string, itemId: string): Promise<Cart> {
  return apiRequest<Cart>('DELETE', `${cartPath(slug)}/items/${itemId}`);
}

export function applyVoucher(slug: string, code: string): Promise<Cart> {
  return apiRequest<Cart>('PUT', `${cartPath(slug)}/voucher`, { body: { code } });
}

export function removeVoucher(slug: string): Promise<Cart> {
  return apiRequest<Cart>('DELETE', `${cartPath(slug)}/voucher`);
}
