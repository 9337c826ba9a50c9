/**
 * Every page of the web app, declared once. The browser's router (web/src/app-routes.tsx) draws
 * these patterns; the server (src/http/routes/web-app.ts) answers them with 200 and any other
 * path with 404 (D6.3); links to pages (emails, the app) are built from them. Adding a page
 * means adding it here. Pure data and string work: the web app bundles this module.
 *
 * Patterns use React Router's syntax: `:name` is one non-empty path segment; trailing slashes are
 * allowed, case is ignored. test/unit/web-pages.test.ts pins that `isWebPage` agrees with React Router's matcher.
 */
export const WEB_PAGES = {
  home: '/',
  signIn: '/sign-in',
  signUp: '/sign-up',
  account: '/account',
  conference: '/conferences/:slug',
  cart: '/conferences/:slug/cart',
  checkout: '/conferences/:slug/checkout',
  orders: '/conferences/:slug/orders',
  order: '/conferences/:slug/orders/:reference',
  pay: '/conferences/:slug/orders/:reference/pay',
  manage: '/manage/:slug',
  desk: '/desk/:slug',
} as const;

export type WebPage = keyof typeof WEB_PAGES;

/** The `:name` parameters a pattern takes, e.g. `{ slug: string; reference: string }`. */
export type WebPageParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & WebPageParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  // Case-insensitive like React Router's matcher, so the server and the app agree on every path.
  return new RegExp(`^${pattern === '/' ? '' : source}/*$`, 'i');
}

const PAGE_REGEXPS = Object.values(WEB_PAGES).map(patternRegExp);

/** True when `pathname` (percent-decoded or not) is one of the app's pages. */
export function isWebPage(pathname: string): boolean {
  return PAGE_REGEXPS.some((page) => page.test(pathname));
}

/** A page's address with its parameters filled in and percent-encoded. */
export function webPagePath<P extends WebPage>(
  page: P,
  params: WebPageParams<(typeof WEB_PAGES)[P]>,
): string {
  const values = params as Record<string, string>;
  return WEB_PAGES[page].replace(/:([A-Za-z]+)/g, (_whole, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}
