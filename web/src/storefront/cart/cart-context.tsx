import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { asApiError, type ApiError } from '../../shared/api/client.ts';
import { useSession } from '../../shared/session/session.tsx';
import * as api from '../api/cart.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import type { Cart, ProductKind } from '../api/shapes.ts';
import { keepCartInBrowser } from './merge-local-cart.ts';
import {
  onLocalCartChange,
  readLocalCart,
  withLineQuantity,
  writeLocalCart,
  type LocalCart,
} from './local-cart.ts';

export interface CartProduct {
  kind: ProductKind;
  id: string;
  name: string;
  price: number;
}

/**
 * One conference's cart as the pages see it: the server cart when signed in (priced, with
 * discounts and their reasons), otherwise the browser cart (list prices only).
 */
export interface ConferenceCart {
  signedIn: boolean;
  server: Cart | undefined;
  local: LocalCart;
  loading: boolean;
  error: ApiError | null;
  itemCount: number;
  voucherCode: string | null;
  quantityOf(productId: string): number;
  add(product: CartProduct, quantity: number): Promise<void>;
  /** `key` is the server line's itemId, or the product id of a browser line; 0 removes. */
  setQuantity(key: string, quantity: number): Promise<void>;
  remove(key: string): Promise<void>;
  applyVoucher(code: string): Promise<void>;
  removeVoucher(): Promise<void>;
  reload(): Promise<void>;
}

const CartContext = createContext<ConferenceCart | null>(null);

export function useConferenceCart(): ConferenceCart {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useConferenceCart outside CartProvider');
  return cart;
}

function useLocalCart(slug: string): LocalCart {
  const [local, setLocal] = useState(() => readLocalCart(slug));
  useEffect(() => {
    setLocal(readLocalCart(slug));
    return onLocalCartChange(() => setLocal(readLocalCart(slug)));
  }, [slug]);
  return local;
}

type CartView = Omit<ConferenceCart, 'server' | 'local' | 'reload' | 'loading' | 'error'>;

function serverCartView(
  slug: string,
  cart: Cart | undefined,
  update: (change: () => Promise<Cart>) => Promise<void>,
): CartView {
  const lines = cart?.lines ?? [];
  return {
    signedIn: true,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    voucherCode: cart?.voucher?.code ?? null,
    quantityOf: (productId) => lines.find((l) => l.productId === productId)?.quantity ?? 0,
    add: (product, quantity) =>
      update(() => api.addCartItem(slug, product.kind, product.id, quantity)),
    setQuantity: (key, quantity) => update(() => api.setCartItemQuantity(slug, key, quantity)),
    remove: (key) => update(() => api.removeCartItem(slug, key)),
    applyVoucher: (code) => update(() => api.applyVoucher(slug, code)),
    removeVoucher: () => update(() => api.removeVoucher(slug)),
  };
}

/** Changes to the browser cart are written to local storage, which tells every page. */
function browserCartView(slug: string, local: LocalCart): CartView {
  const lineOf = (productId: string) => local.lines.find((l) => l.productId === productId);
  const setLine = async (productId: string, quantity: number) => {
    const line = lineOf(productId);
    if (line) writeLocalCart(slug, withLineQuantity(local, line, quantity));
  };
  return {
    signedIn: false,
    itemCount: local.lines.reduce((n, l) => n + l.quantity, 0),
    voucherCode: local.voucherCode,
    quantityOf: (productId) => lineOf(productId)?.quantity ?? 0,
    add: async (product, quantity) => {
      const line = {
        kind: product.kind,
        productId: product.id,
        name: product.name,
        unitPrice: product.price,
      };
      const current = lineOf(product.id)?.quantity ?? 0;
      writeLocalCart(slug, withLineQuantity(local, line, current + quantity));
    },
    setQuantity: setLine,
    remove: (productId) => setLine(productId, 0),
    applyVoucher: async (code) =>
      writeLocalCart(slug, { ...local, voucherCode: code.trim().toUpperCase() }),
    removeVoucher: async () => writeLocalCart(slug, { ...local, voucherCode: null }),
  };
}

export function CartProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const session = useSession();
  const signedIn = session.me !== null;
  const userId = session.me?.user.id ?? null;
  const queryClient = useQueryClient();
  const cartKey = storefrontKeys.cart(userId, slug);
  const server = useQuery({
    queryKey: cartKey,
    queryFn: () => api.getCart(slug),
    enabled: signedIn,
  });
  const local = useLocalCart(slug);
  const serverCart = signedIn ? server.data : undefined;

  const { beforeSignOut } = session;
  useEffect(
    () =>
      beforeSignOut(() => {
        if (serverCart && serverCart.lines.length > 0) keepCartInBrowser(slug, serverCart);
      }),
    [beforeSignOut, serverCart, slug],
  );

  // Every change answers with the whole cart: it replaces the cached one.
  const update = useCallback(
    async (change: () => Promise<Cart>) => {
      queryClient.setQueryData(storefrontKeys.cart(userId, slug), await change());
    },
    [queryClient, userId, slug],
  );

  const { refetch } = server;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const value = useMemo<ConferenceCart>(() => {
    const state = {
      server: serverCart,
      local,
      reload,
      loading: signedIn && server.isPending,
      error: signedIn && server.error ? asApiError(server.error) : null,
    };
    return signedIn
      ? { ...state, ...serverCartView(slug, serverCart, update) }
      : { ...state, ...browserCartView(slug, local) };
  }, [signedIn, serverCart, local, server.isPending, server.error, reload, slug, update]);

  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}
