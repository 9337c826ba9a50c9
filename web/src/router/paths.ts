/** Every page's address, built in one place. */
const slugPart = (slug: string) => `/conferences/${encodeURIComponent(slug)}`;

export const paths = {
  home: () => '/',
  account: () => '/account',
  conference: (slug: string) => slugPart(slug),
  cart: (slug: string) => `${slugPart(slug)}/cart`,
  checkout: (slug: string) => `${slugPart(slug)}/checkout`,
  orders: (slug: string) => `${slugPart(slug)}/orders`,
  order: (slug: string, reference: string) =>
    `${slugPart(slug)}/orders/${encodeURIComponent(reference)}`,
  confirmation: (slug: string, reference: string) =>
    `${slugPart(slug)}/orders/${encodeURIComponent(reference)}?confirmed=1`,
  pay: (slug: string, reference: string) =>
    `${slugPart(slug)}/orders/${encodeURIComponent(reference)}/pay`,
  signIn: (next?: string) => (next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'),
  signUp: (next?: string) => (next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'),
};

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
