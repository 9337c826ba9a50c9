import { getConference } from '../api/catalog.ts';
import type { Conference } from '../api/types.ts';
import { CartProvider, useConferenceCart } from '../cart/cart-context.tsx';
import { ErrorNote, Loading } from '../components/status.tsx';
import { formatDayRange } from '../format/dates.ts';
import { useResource } from '../hooks/use-resource.ts';
import { paths } from '../router/paths.ts';
import { Link, matchPath, useLocation } from '../router/router.tsx';
import { CartPage } from './cart-page.tsx';
import { CheckoutPage } from './checkout-page.tsx';
import { ConferencePage } from './conference-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { OrderPage } from './order-page.tsx';
import { OrdersPage } from './orders-page.tsx';
import { PaymentPage } from './payment-page.tsx';

function ConferenceNav({ conference }: { conference: Conference }) {
  const cart = useConferenceCart();
  const { pathname } = useLocation();
  const link = (to: string, label: string) => (
    <Link to={to} aria-current={pathname === to ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="conference-bar">
      <p className="conference-bar-title">
        <span className="conference-bar-name">{conference.name}</span>{' '}
        <span className="muted">{formatDayRange(conference.startDate, conference.endDate)}</span>
      </p>
      <nav aria-label="Conference">
        {link(paths.conference(conference.slug), 'Tickets')}
        <Link
          to={paths.cart(conference.slug)}
          aria-current={pathname === paths.cart(conference.slug) ? 'page' : undefined}
          data-testid="cart-link"
        >
          Cart <span className="count">({cart.itemCount})</span>
        </Link>
        {link(paths.orders(conference.slug), 'My orders')}
      </nav>
    </div>
  );
}

function ConferencePageFor({ conference }: { conference: Conference }) {
  const { pathname } = useLocation();
  const at = (pattern: string) => matchPath(`/conferences/:slug${pattern}`, pathname);
  if (at('')) return <ConferencePage conference={conference} />;
  if (at('/cart')) return <CartPage conference={conference} />;
  if (at('/checkout')) return <CheckoutPage conference={conference} />;
  if (at('/orders')) return <OrdersPage conference={conference} />;
  const pay = at('/orders/:reference/pay');
  if (pay) return <PaymentPage conference={conference} reference={pay['reference'] ?? ''} />;
  const order = at('/orders/:reference');
  if (order) return <OrderPage conference={conference} reference={order['reference'] ?? ''} />;
  return <NotFoundPage />;
}

/** Every page of one conference: loads it once and keeps its cart for the pages below. */
export function ConferenceRoutes({ slug }: { slug: string }) {
  const conference = useResource(`conference:${slug}`, () => getConference(slug));
  if (conference.error) {
    return (
      <section className="page">
        <h1>Conference not available</h1>
        <ErrorNote
          error={conference.error}
          onRetry={conference.error.status === 404 ? undefined : () => void conference.reload()}
        />
        <p>
          <Link to={paths.home()}>See all conferences</Link>
        </p>
      </section>
    );
  }
  if (!conference.data) return <Loading what="the conference" />;
  return (
    <CartProvider slug={slug}>
      <ConferenceNav conference={conference.data} />
      <ConferencePageFor conference={conference.data} />
    </CartProvider>
  );
}
