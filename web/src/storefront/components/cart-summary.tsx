import { useConferenceCart } from '../cart/cart-context.tsx';
import { formatMoney } from '../../shared/format/money.ts';
import { paths } from '../../shared/routes/paths.ts';
import { Link } from 'react-router';

/** The cart at a glance beside the catalog, with the way to it. */
export function CartSummary({ slug, currency }: { slug: string; currency: string }) {
  const cart = useConferenceCart();
  const listTotal = cart.local.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const total = cart.signedIn ? (cart.server?.total ?? 0) : listTotal;
  return (
    <section className="card cart-summary" aria-labelledby="cart-summary-title">
      <h2 id="cart-summary-title">Your cart</h2>
      {cart.itemCount === 0 ? (
        <p className="muted">Nothing yet. Add a ticket to start.</p>
      ) : (
        <>
          <p>
            {cart.itemCount} item{cart.itemCount === 1 ? '' : 's'} ·{' '}
            <strong>{formatMoney(total, currency)}</strong>
            {!cart.signedIn && <span className="muted"> before any discounts</span>}
          </p>
          <Link to={paths.cart(slug)} className="button">
            View cart
          </Link>
        </>
      )}
    </section>
  );
}
