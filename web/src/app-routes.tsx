import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { WEB_PAGES, type WebPage } from '../../src/domain/web-pages.ts';
import { NotFoundPage } from './shared/components/not-found-page.tsx';
import { Loading } from './shared/components/status.tsx';
import { RequireSignIn } from './shared/session/require-sign-in.tsx';
import { AccountPage } from './storefront/pages/account-page.tsx';
import { SignInPage, SignUpPage } from './storefront/pages/auth-pages.tsx';
import { CartPage } from './storefront/pages/cart-page.tsx';
import { CheckoutPage } from './storefront/pages/checkout-page.tsx';
import { ConferenceLayout } from './storefront/pages/conference-layout.tsx';
import { ConferenceListPage } from './storefront/pages/conference-list-page.tsx';
import { ConferencePage } from './storefront/pages/conference-page.tsx';
import { OrderPage } from './storefront/pages/order-page.tsx';
import { OrdersPage } from './storefront/pages/orders-page.tsx';
import { PaymentPage } from './storefront/pages/payment-page.tsx';

// The organiser and desk areas are their own bundles: a buyer's browser never downloads them.
const ManageArea = lazy(() => import('./manage/manage-area.tsx'));
const DeskArea = lazy(() => import('./desk/desk-area.tsx'));

function Lazily({ what, children }: { what: string; children: ReactNode }) {
  return <Suspense fallback={<Loading what={what} />}>{children}</Suspense>;
}

interface PageEntry {
  element: ReactNode;
  /** Behind the sign-in wall; the words say what is loading while the session is checked. */
  signIn?: string;
}

/**
 * What draws each page of the one page table (src/domain/web-pages.ts, which the server reads
 * too). A page added there without an entry here fails typecheck.
 */
const PAGES: Record<WebPage, PageEntry> = {
  home: { element: <ConferenceListPage /> },
  signIn: { element: <SignInPage /> },
  signUp: { element: <SignUpPage /> },
  account: { element: <AccountPage />, signIn: 'your account' },
  conference: { element: <ConferencePage /> },
  cart: { element: <CartPage /> },
  checkout: { element: <CheckoutPage />, signIn: 'checkout' },
  orders: { element: <OrdersPage />, signIn: 'your orders' },
  order: { element: <OrderPage />, signIn: 'your order' },
  pay: { element: <PaymentPage />, signIn: 'your order' },
  manage: {
    element: (
      <Lazily what="the organiser pages">
        <ManageArea />
      </Lazily>
    ),
    signIn: 'the organiser pages',
  },
  desk: {
    element: (
      <Lazily what="the desk">
        <DeskArea />
      </Lazily>
    ),
    signIn: 'the desk',
  },
};

const NAMES = Object.keys(WEB_PAGES) as WebPage[];
/** Pages of one conference share its layout: the conference, its cart and its navigation. */
const inConference = (name: WebPage) => WEB_PAGES[name].startsWith(`${WEB_PAGES.conference}/`);

function pageRoute(name: WebPage): ReactNode {
  const { element, signIn } = PAGES[name];
  const route =
    name === 'conference' ? (
      <Route key={name} index element={element} />
    ) : (
      <Route key={name} path={WEB_PAGES[name]} element={element} />
    );
  if (!signIn) return route;
  return (
    <Route key={name} element={<RequireSignIn loading={signIn} />}>
      {route}
    </Route>
  );
}

export function AppRoutes({ shell }: { shell: ReactNode }) {
  return (
    <Routes>
      <Route element={shell}>
        {NAMES.filter((name) => name !== 'conference' && !inConference(name)).map(pageRoute)}
        <Route path={WEB_PAGES.conference} element={<ConferenceLayout />}>
          {pageRoute('conference')}
          {NAMES.filter(inConference).map(pageRoute)}
          <Route path={`${WEB_PAGES.conference}/*`} element={<NotFoundPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
