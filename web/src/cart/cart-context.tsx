import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import * as api from '../api/cart.ts';
import type { ApiError } from '../api/client.ts';
import type { Cart, ProductKind } from '../api/types.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useSession } from '../session/session.tsx';
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

export function CartProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const session = useSession();
  const signedIn = session.me !== null;
  const userId = session.me?.user.id ?? null;
  const server = useResource(signedIn ? `${slug}:${userId}` : null, () => api.getCart(slug));
  const local = useLocalCart(slug);
  const serverCart = signedIn ? server.data : undefined;
  const { setData } = server;

  const { beforeSignOut } = session;
  useEffect(
    () =>
      beforeSignOut(() => {
        if (serverCart && serverCart.lines.length > 0) keepCartInBrowser(slug, serverCart);
      }),
    [beforeSignOut, serverCart, slug],
  );

  const update = useCallback(
    async (change: () => Promise<Cart>) => {
      setData(await change());
    },
    [setData],
  );

  const value = useMemo<ConferenceCart>(() => {
    const lines = serverCart?.lines ?? [];
    const localLine = (key: string) => local.lines.find((l) => l.productId === key);
    return {
      signedIn,
      server: serverCart,
      local,
      loading: signedIn && server.loading && !serverCart,
      error: signedIn ? server.error : null,
      itemCount: signedIn
        ? lines.reduce((n, l) => n + l.quantity, 0)
        : local.lines.reduce((n, l) => n + l.quantity, 0),
      voucherCode: signedIn ? (serverCart?.voucher?.code ?? null) : local.voucherCode,
      quantityOf: (productId) =>
        signedIn
          ? (lines.find((l) => l.productId === productId)?.quantity ?? 0)
          : (localLine(productId)?.quantity ?? 0),
      add: async (product, quantity) => {
        if (signedIn)
          return update(() => api.addCartItem(slug, product.kind, product.id, quantity));
        const line = {
          kind: product.kind,
          productId: product.id,
          name: product.name,
          unitPrice: product.price,
        };
        const current = localLine(product.id)?.quantity ?? 0;
        writeLocalCart(slug, withLineQuantity(local, line, current + quantity));
      },
      setQuantity: async (key, quantity) => {
        if (signedIn) return update(() => api.setCartItemQuantity(slug, key, quantity));
        const line = localLine(key);
        if (line) writeLocalCart(slug, withLineQuantity(local, line, quantity));
      },
      remove: async (key) => {
        if (signedIn) return update(() => api.removeCartItem(slug, key));
        const line = localLine(key);
        if (line) writeLocalCart(slug, withLineQuantity(local, line, 0));
      },
      applyVoucher: async (code) => {
        if (signedIn) return update(() => api.applyVoucher(slug, code));
        writeLocalCart(slug, { ...local, voucherCode: code.trim().toUpperCase() });
      },
      removeVoucher: async () => {
        if (signedIn) return update(() => api.removeVoucher(slug));
        writeLocalCart(slug, { ...local, voucherCode: null });
      },
      reload: server.reload,
    };
  }, [signedIn, serverCart, local, server.loading, server.error, server.reload, slug, update]);

  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}
