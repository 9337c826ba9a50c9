import { describe, expect, it } from 'vitest';
import { isWebPage, WEB_PAGES, webPagePath } from '../../src/domain/web-pages.ts';

type MatchPath = (pattern: { path: string; end: boolean }, pathname: string) => unknown;
// React Router's own matcher, loaded by name: its types would bring React's global DOM stubs
// into the server's type check (tsconfig.json has no DOM), which breaks the e2e tests' types.
const ROUTER = 'react-router';
const { matchPath } = (await import(ROUTER)) as { matchPath: MatchPath };

const PATTERNS = Object.values(WEB_PAGES);

/** What the browser's router draws: a page for the path, or its not-found page. */
function routerDraws(pathname: string): boolean {
  return PATTERNS.some((pattern) => matchPath({ path: pattern, end: true }, pathname) !== null);
}

/** Each pattern filled in, with a trailing slash, an extra segment, a missing one, other case. */
function samplePaths(): string[] {
  const paths = ['/', '//', '/x', '/conferences', '/conferences/', '/manage', '/desk/'];
  for (const pattern of PATTERNS) {
    const filled = pattern.replace(/:[A-Za-z]+/g, 'ORD-AB12');
    paths.push(filled, `${filled}/`, `${filled}/extra`, filled.toUpperCase());
    paths.push(filled.split('/').slice(0, -1).join('/') || '/');
    paths.push(pattern.replace(/:[A-Za-z]+/g, ''));
  }
  return [...new Set(paths)];
}

describe('the web pages table', () => {
  it('the server answers 200 for exactly the paths the browser router draws a page for', () => {
    for (const path of samplePaths()) expect(isWebPage(path), path).toBe(routerDraws(path));
  });

  it('knows every page the web app has today, and no other path', () => {
    for (const path of ['/', '/sign-in', '/account/', '/conferences/pycon/orders/AB12/pay']) {
      expect(isWebPage(path), path).toBe(true);
    }
    for (const path of ['/no/such/page', '/conferences/pycon/nope', '/account/x', '/manage']) {
      expect(isWebPage(path), path).toBe(false);
    }
    expect(isWebPage('/manage/pycon')).toBe(true);
    expect(isWebPage('/desk/pycon')).toBe(true);
  });

  it('builds addresses with their parameters percent-encoded', () => {
    expect(webPagePath('order', { slug: 'py con', reference: 'ORD/1' })).toBe(
      '/conferences/py%20con/orders/ORD%2F1',
    );
    expect(webPagePath('home', {})).toBe('/');
  });
});
