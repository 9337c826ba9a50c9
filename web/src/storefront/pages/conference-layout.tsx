import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { getConference } from '../../shared/api/conferences.ts';
import { sharedKeys } from '../../shared/api/query-keys.ts';
import type { Conference } from '../../shared/api/schema.ts';
import { ErrorNote, Loading } from '../../shared/components/status.tsx';
import { formatDayRange } from '../../shared/format/dates.ts';
import { paths } from '../../shared/routes/paths.ts';
import { CartProvider, useConferenceCart } from '../cart/cart-context.tsx';

const ConferenceContext = createContext<Conference | null>(null);

/** The conference of the page being drawn (every page under /conferences/:slug). */
export function useConference(): Conference {
  const conference = useContext(ConferenceContext);
  if (!conference) throw new Error('useConference outside ConferenceLayout');
  return conference;
}

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

/** Every page of one conference: loads it once and keeps its cart for the pages below. */
export function ConferenceLayout() {
  const slug = useParams()['slug'] ?? '';
  const conference = useQuery({
    queryKey: sharedKeys.conference(slug),
    queryFn: () => getConference(slug),
  });
  if (conference.error) {
    return (
      <section className="page">
        <h1>Conference not available</h1>
        <ErrorNote
          error={conference.error}
          onRetry={conference.error.status === 404 ? undefined : () => void conference.refetch()}
        />
        <p>
          <Link to={paths.home()}>See all conferences</Link>
        </p>
      </section>
    );
  }
  if (!conference.data) return <Loading what="the conference" />;
  return (
    <ConferenceContext.Provider value={conference.data}>
      <CartProvider slug={slug}>
        <ConferenceNav conference={conference.data} />
        <Outlet />
      </CartProvider>
    </ConferenceContext.Provider>
  );
}
