import type { Conference } from '../../shared/api/schema.ts';
import type { Cart } from '../api/shapes.ts';
import { useConferenceCart } from '../cart/cart-context.tsx';
import { ExpiryNote } from '../components/cart-expiry.tsx';
import { CartLineRow } from '../components/cart-line.tsx';
import { MergeProblems } from '../components/merge-problems.tsx';
import { PriceBreakdown } from '../components/price-breakdown.tsx';
import { Empty, ErrorNote, Loading, Notice } from '../../shared/components/status.tsx';
import { VoucherForm } from '../components/voucher-form.tsx';
import { formatMoney } from '../../shared/format/money.ts';
import { paths } from '../../shared/routes/paths.ts';
import { Link } from 'react-router';
import { useConference } from './conference-layout.tsx';
import { useSession } from '../../shared/session/session.tsx';

function EmptyCart({ slug }: { slug: string }) {
  return (
    <Empty>
      <p>Your cart is empty.</p>
      <p>
        <Link to={paths.conference(slug)} className="button">
          See tickets
        </Link>
      </p>
    </Empty>
  );
}

function ServerCartView({ slug, cart }: { slug: string; cart: Cart }) {
  const actions = useConferenceCart();
  if (cart.lines.length === 0) return <EmptyCart slug={slug} />;
  const problemOf = (itemId: string) => cart.problems.find((p) => p.itemId === itemId)?.message;
  return (
    <>
      <ul className="cart-lines" aria-label="Items in your cart">
        {cart.lines.map((line) => (
          <CartLineRow
            key={line.itemId}
            lineKey={line.itemId}
            name={line.name}
            quantity={line.quantity}
            unitPrice={line.unitPrice}
            currency={cart.currency}
            total={line.total}
            trace={line.trace}
            problem={problemOf(line.itemId)}
            onSetQuantity={actions.setQuantity}
            onRemove={actions.remove}
          />
        ))}
      </ul>
      <PriceBreakdown cart={cart} />
      {cart.expiresAt && <ExpiryNote expiresAt={cart.expiresAt} what="your cart" />}
      {cart.problems.length > 0 && (
        <Notice tone="warning">
          Some items cannot be bought as they are. Change or remove the items marked above to check
          out.
        </Notice>
      )}
      <div className="actions">
        <Link to={paths.conference(slug)} className="button button-secondary">
          Continue shopping
        </Link>
        {cart.problems.length === 0 && (
          <Link to={paths.checkout(slug)} className="button">
            Check out
          </Link>
        )}
      </div>
    </>
  );
}

function BrowserCartView({ conference }: { conference: Conference }) {
  const cart = useConferenceCart();
  const { slug, currency } = conference;
  if (cart.local.lines.length === 0) return <EmptyCart slug={slug} />;
  const listTotal = cart.local.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  return (
    <>
      <ul className="cart-lines" aria-label="Items in your cart">
        {cart.local.lines.map((line) => (
          <CartLineRow
            key={line.productId}
            lineKey={line.productId}
            name={line.name}
            quantity={line.quantity}
            unitPrice={line.unitPrice}
            currency={currency}
            onSetQuantity={cart.setQuantity}
            onRemove={cart.remove}
          />
        ))}
      </ul>
      <dl className="breakdown">
        <div className="breakdown-total">
          <dt>Total at list prices</dt>
          <dd>{formatMoney(listTotal, currency)}</dd>
        </div>
      </dl>
      <Notice>
        Sign in or create an account to check out. Your cart comes with you, and discounts and your
        voucher are worked out then.
      </Notice>
      <div className="actions">
        <Link to={paths.signIn(paths.cart(slug))} className="button button-secondary">
          Sign in to check out
        </Link>
        <Link to={paths.signUp(paths.cart(slug))} className="button">
          Create an account
        </Link>
      </div>
    </>
  );
}

export function CartPage() {
  const conference = useConference();
  const session = useSession();
  const cart = useConferenceCart();
  let body;
  if (session.loading || cart.loading) body = <Loading what="your cart" />;
  else if (cart.error) body = <ErrorNote error={cart.error} onRetry={() => void cart.reload()} />;
  else if (cart.signedIn && cart.server)
    body = <ServerCartView slug={conference.slug} cart={cart.server} />;
  else body = <BrowserCartView conference={conference} />;
  return (
    <section className="page">
      <h1>Your cart</h1>
      <MergeProblems slug={conference.slug} />
      {body}
      <VoucherForm />
    </section>
  );
}
