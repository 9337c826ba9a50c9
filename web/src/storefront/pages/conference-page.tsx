import { useQuery } from '@tanstack/react-query';
import { listAddons, listTicketTypes } from '../api/catalog.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import { useConferenceCart } from '../cart/cart-context.tsx';
import { CartSummary } from '../components/cart-summary.tsx';
import { ProductCard } from '../components/product-card.tsx';
import { Empty, ErrorNote, Loading, Notice } from '../../shared/components/status.tsx';
import { VoucherForm } from '../components/voucher-form.tsx';
import { formatDayRange } from '../../shared/format/dates.ts';
import { useSession } from '../../shared/session/session.tsx';
import { useConference } from './conference-layout.tsx';

/** The storefront: the conference, its tickets and add-ons, the voucher box and the cart. */
export function ConferencePage() {
  const conference = useConference();
  const { slug } = conference;
  const session = useSession();
  const cart = useConferenceCart();
  // Who is signed in and which voucher the cart holds decide which hidden tickets are listed.
  const userId = session.me?.user.id ?? null;
  const voucher = cart.signedIn ? (cart.voucherCode ?? '') : '';
  const tickets = useQuery({
    queryKey: storefrontKeys.ticketTypes(userId, slug, voucher),
    queryFn: () => listTicketTypes(slug),
    enabled: !session.loading,
  });
  const addons = useQuery({
    queryKey: storefrontKeys.addons(slug),
    queryFn: () => listAddons(slug),
  });
  const ticketName = new Map(tickets.data?.map((t) => [t.id, t.name]));

  return (
    <div className="storefront">
      <header className="conference-header">
        <h1>{conference.name}</h1>
        <p className="muted">
          {formatDayRange(conference.startDate, conference.endDate)}
          {conference.venue ? ` · ${conference.venue}` : ''}
          {conference.address ? `, ${conference.address}` : ''}
        </p>
        {conference.description && <p>{conference.description}</p>}
        {conference.websiteUrl && (
          <p>
            <a href={conference.websiteUrl} rel="noopener noreferrer" target="_blank">
              Conference website
            </a>
          </p>
        )}
        {!conference.isActive && (
          <Notice tone="warning">Registration for this conference is closed.</Notice>
        )}
      </header>
      <div className="storefront-grid">
        <div className="catalog">
          <section aria-labelledby="tickets-title">
            <h2 id="tickets-title">Tickets</h2>
            <ErrorNote error={tickets.error} onRetry={() => void tickets.refetch()} />
            {!tickets.data && !tickets.error && <Loading what="tickets" />}
            {tickets.data?.length === 0 && (
              <Empty>
                <p>No tickets are on sale yet. If you have a voucher, enter it to see yours.</p>
              </Empty>
            )}
            <div className="product-grid">
              {tickets.data?.map((ticket) => (
                <ProductCard
                  key={ticket.id}
                  kind="ticket"
                  product={ticket}
                  timeZone={conference.timezone}
                  inCart={cart.quantityOf(ticket.id)}
                  onAdd={cart.add}
                />
              ))}
            </div>
          </section>
          <section aria-labelledby="addons-title">
            <h2 id="addons-title">Add-ons</h2>
            <ErrorNote error={addons.error} onRetry={() => void addons.refetch()} />
            {!addons.data && !addons.error && <Loading what="add-ons" />}
            {addons.data?.length === 0 && (
              <Empty>
                <p>This conference has no add-ons.</p>
              </Empty>
            )}
            <div className="product-grid">
              {addons.data?.map((addon) => (
                <ProductCard
                  key={addon.id}
                  kind="addon"
                  product={addon}
                  timeZone={conference.timezone}
                  inCart={cart.quantityOf(addon.id)}
                  requires={addon.requiresTicketTypeIds.flatMap((id) => ticketName.get(id) ?? [])}
                  onAdd={cart.add}
                />
              ))}
            </div>
          </section>
        </div>
        <aside className="storefront-aside">
          <CartSummary slug={slug} currency={conference.currency} />
          <VoucherForm />
        </aside>
      </div>
    </div>
  );
}
