import { addCartItem, applyVoucher, getCart, setCartItemQuantity } from '../api/cart.ts';
import { asApiError } from '../../shared/api/client.ts';
import type { Cart } from '../api/shapes.ts';
import {
  EMPTY_LOCAL_CART,
  localCartSlugs,
  readLocalCart,
  writeLocalCart,
  type LocalLine,
} from './local-cart.ts';

export interface MergeProblem {
  conferenceSlug: string;
  what: string;
  message: string;
}

/**
 * Moves this browser's carts into the buyer's server carts after sign-in. A product already in
 * the server cart keeps the larger quantity, so signing out and in again never doubles a line.
 * The voucher goes first: it may unlock a hidden ticket in the same cart. Tickets go before
 * add-ons, which may need them.
 */
export async function mergeLocalCarts(): Promise<MergeProblem[]> {
  const problems: MergeProblem[] = [];
  for (const slug of localCartSlugs()) {
    const local = readLocalCart(slug);
    const problem = (what: string, error: unknown) =>
      problems.push({ conferenceSlug: slug, what, message: asApiError(error).message });
    try {
      let cart = await getCart(slug);
      const code = local.voucherCode;
      if (code && cart.voucher?.code.toUpperCase() !== code.toUpperCase()) {
        cart = await applyVoucher(slug, code).catch((error: unknown) => {
          problem(`Voucher ${code}`, error);
          return cart;
        });
      }
      const ordered = [...local.lines].sort((a, b) =>
        a.kind === b.kind ? 0 : a.kind === 'ticket' ? -1 : 1,
      );
      for (const line of ordered) {
        cart = await mergeLine(slug, cart, line).catch((error: unknown) => {
          problem(line.name, error);
          return cart;
        });
      }
    } catch (error) {
      problem('Your cart', error);
    }
    writeLocalCart(slug, EMPTY_LOCAL_CART);
  }
  return problems;
}

async function mergeLine(slug: string, cart: Cart, line: LocalLine): Promise<Cart> {
  const existing = cart.lines.find((l) => l.kind === line.kind && l.productId === line.productId);
  if (!existing) return addCartItem(slug, line.kind, line.productId, line.quantity);
  if (existing.quantity >= line.quantity) return cart;
  return setCartItemQuantity(slug, existing.itemId, line.quantity);
}

/** On sign-out: keep a copy of the server cart in this browser, so the buyer still sees it. */
export function keepCartInBrowser(slug: string, cart: Cart): void {
  writeLocalCart(slug, {
    lines: cart.lines.map((l) => ({
      kind: l.kind,
      productId: l.productId,
      name: l.name,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
    })),
    voucherCode: cart.voucher?.code ?? null,
  });
}
