import { useEffect, useRef } from 'react';
import { getHealth } from './api/catalog.ts';
import { SiteHeader } from './components/site-header.tsx';
import { useResource } from './hooks/use-resource.ts';
import { AccountPage } from './pages/account-page.tsx';
import { ConferenceListPage } from './pages/conference-list-page.tsx';
import { ConferenceRoutes } from './pages/conference-routes.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage, SignUpPage } from './pages/auth-pages.tsx';
import { RouterProvider, useLocation } from './router/router.tsx';
import { SessionProvider } from './session/session.tsx';

function Page() {
  const { pathname } = useLocation();
  if (pathname === '/') return <ConferenceListPage />;
  if (pathname === '/sign-in') return <SignInPage />;
  if (pathname === '/sign-up') return <SignUpPage />;
  if (pathname === '/account') return <AccountPage />;
  const conference = /^\/conferences\/([^/]+)/.exec(pathname);
  if (conference?.[1]) return <ConferenceRoutes slug={decodeURIComponent(conference[1])} />;
  return <NotFoundPage />;
}

function TestModeBanner() {
  const health = useResource('health', getHealth);
  if (!health.data?.testMode) return null;
  return (
    <p className="test-mode" role="note">
      <strong>TEST MODE</strong> — payments go to a local Stripe stand-in and no money moves. Pay
      with the test card 4242 4242 4242 4242.
    </p>
  );
}

/** Moves focus to the page's content after each navigation, so keyboard and screen-reader users start there. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);
  return main;
}

function Shell() {
  const main = useFocusOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TestModeBanner />
      <SiteHeader />
      <main id="main" ref={main} tabIndex={-1}>
        <Page />
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
    <RouterProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </RouterProvider>
  );
}
