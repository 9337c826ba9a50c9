import type { ProductKind } from '../api/shapes.ts';

/**
 * The cart of a buyer who is not signed in, kept in this browser (the server's cart needs an
 * account). It is merged into the server cart on sign-in or sign-up, and a copy of the server
 * cart is written back here on sign-out, so the buyer sees the same cart either way.
 */

export interface LocalLine {
  kind: ProductKind;
  productId: string;
  /** Shown until the server prices the cart after sign-in. */
  name: string;
  unitPrice: number;
  quantity: number;
}

export interface LocalCart {
  lines: LocalLine[];
  voucherCode: string | null;
}

const STORAGE_KEY = 'lanyard.carts.v1';
const CHANGE_EVENT = 'lanyard:local-cart';
export const EMPTY_LOCAL_CART: LocalCart = { lines: [], voucherCode: null };

type Store = Record<string, LocalCart>;

function readStore(): Store {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Store) : {};
  } catch {
    return {};
  }
}

function writeStore(store: Store): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(store));
  } catch {
    // Private browsing or a full quota: the cart then lives only as long as the page.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function readLocalCart(slug: string): LocalCart {
  return readStore()[slug] ?? EMPTY_LOCAL_CART;
}

export function writeLocalCart(slug: string, cart: LocalCart): void {
  const store = readStore();
  if (cart.lines.length === 0 && !cart.voucherCode) delete store[slug];
  else store[slug] = cart;
  writeStore(store);
}

/** Conferences with a cart in this browser. */
export function localCartSlugs(): string[] {
  return Object.keys(readStore());
}

export function onLocalCartChange(listener: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, listener);
  window.addEventListener('storage', listener);
  return () => {
    window.removeEventListener(CHANGE_EVENT, listener);
    window.removeEventListener('storage', listener);
  };
}

export function withLineQuantity(
  cart: LocalCart,
  line: Omit<LocalLine, 'quantity'>,
  quantity: number,
): LocalCart {
  const others = cart.lines.filter((l) => l.productId !== line.productId);
  const existing = cart.lines.find((l) => l.productId === line.productId);
  if (quantity <= 0) return { ...cart, lines: others };
  const updated = { ...line, quantity };
  return {
    ...cart,
    lines: existing
      ? cart.lines.map((l) => (l.productId === line.productId ? updated : l))
      : [...cart.lines, updated],
  };
}
