import { webPagePath } from '../../../../src/domain/web-pages.ts';

/** Every page's address, built from the one table of pages (src/domain/web-pages.ts). */
export const paths = {
  home: () => webPagePath('home', {}),
  account: () => webPagePath('account', {}),
  conference: (slug: string) => webPagePath('conference', { slug }),
  cart: (slug: string) => webPagePath('cart', { slug }),
  checkout: (slug: string) => webPagePath('checkout', { slug }),
  orders: (slug: string) => webPagePath('orders', { slug }),
  order: (slug: string, reference: string) => webPagePath('order', { slug, reference }),
  confirmation: (slug: string, reference: string) =>
    `${webPagePath('order', { slug, reference })}?confirmed=1`,
  pay: (slug: string, reference: string) => webPagePath('pay', { slug, reference }),
  manage: (slug: string) => webPagePath('manage', { slug }),
  desk: (slug: string) => webPagePath('desk', { slug }),
  signIn: (next?: string) =>
    next
      ? `${webPagePath('signIn', {})}?next=${encodeURIComponent(next)}`
      : webPagePath('signIn', {}),
  signUp: (next?: string) =>
    next
      ? `${webPagePath('signUp', {})}?next=${encodeURIComponent(next)}`
      : webPagePath('signUp', {}),
};

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
