import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { BrowserRouter, Outlet, useLocation } from 'react-router';
import { AppRoutes } from './app-routes.tsx';
import type { ApiError } from './shared/api/client.ts';
import { getHealth } from './shared/api/conferences.ts';
import { sharedKeys } from './shared/api/query-keys.ts';
import { SiteHeader } from './shared/components/site-header.tsx';
import { SessionProvider } from './shared/session/session.tsx';
import { moveBrowserCartsIntoAccount } from './storefront/cart/merge-problems-store.ts';

declare module '@tanstack/react-query' {
  interface Register {
    // Every query function goes through `unwrap` (shared/api/client.ts), which throws ApiError.
    defaultError: ApiError;
  }
}

/**
 * The server's answers, cached by TanStack Query. A page that mounts shows what is cached and
 * asks again; failures are shown with a "Try again" instead of retried behind the buyer's back,
 * and a tab regaining focus does not reload the page's data under the buyer's cursor.
 */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

function TestModeBanner() {
  const health = useQuery({ queryKey: sharedKeys.health, queryFn: getHealth, staleTime: Infinity });
  if (!health.data?.testMode) return null;
  return (
    <p className="test-mode" role="note">
      <strong>TEST MODE</strong> — payments go to a local Stripe stand-in and no money moves. Pay
      with the test card 4242 4242 4242 4242.
    </p>
  );
}

/**
 * After each navigation: back to the top of the page, and focus on its content so keyboard and
 * screen-reader users start there (not on the first load).
 */
function useFocusOnNavigate() {
  const { pathname, key } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // Braces: Chromium's scrollTo returns a promise, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [key]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);
  return main;
}

/** What every page has around it: the skip link, the header, the footer. */
export function Shell() {
  const main = useFocusOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TestModeBanner />
      <SiteHeader />
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Lanyard — open-source conference registration. <a href="/api/docs">API reference</a>
        </p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider beforeSignedIn={moveBrowserCartsIntoAccount}>
          <AppRoutes shell={<Shell />} />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
