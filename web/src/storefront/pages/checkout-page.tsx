import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../shared/api/client.ts';
import type { Conference, Me } from '../../shared/api/schema.ts';
import { listQuestions } from '../api/catalog.ts';
import { listCredits } from '../api/orders.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import type { Cart } from '../api/shapes.ts';
import { useConferenceCart } from '../cart/cart-context.tsx';
import { usePlaceOrder } from '../checkout/use-place-order.ts';
import {
  answersToSend,
  BillingFieldset,
  CreditFieldset,
  QuestionsFieldset,
  type Answers,
  type Billing,
} from '../components/checkout-fields.tsx';
import { OrderSummary } from '../components/order-summary.tsx';
import { Empty, ErrorNote, Loading } from '../../shared/components/status.tsx';
import { formatMoney } from '../../shared/format/money.ts';
import { paths } from '../../shared/routes/paths.ts';
import { Link } from 'react-router';
import { useSignedIn } from '../../shared/session/require-sign-in.tsx';
import { useConference } from './conference-layout.tsx';

function amount(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function CartProblem({ error, cart, slug }: { error: ApiError; cart: Cart; slug: string }) {
  // The buyer pressed the button at the bottom of the form: bring them to what went wrong.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.scrollIntoView({ block: 'center' });
  }, [error]);
  if (error.code === 'PRICE_CHANGED') {
    const was = amount(error.details['expectedTotal']);
    const now = amount(error.details['total']) ?? cart.total;
    return (
      <div
        role="alert"
        className="note note-warning"
        data-code={error.code}
        ref={box}
        tabIndex={-1}
      >
        <p>
          <strong>The price changed while you were checking out.</strong>{' '}
          {was !== null && `You saw ${formatMoney(was, cart.currency)}; `}
          the total is now <strong>{formatMoney(now, cart.currency)}</strong>. The summary shows the
          new prices. Place the order again to accept them, or{' '}
          <Link to={paths.cart(slug)}>change your cart</Link>.
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="note note-error" data-code={error.code} ref={box} tabIndex={-1}>
      <p>{error.message}</p>
      <p>Your order was not placed. Change your cart and try again.</p>
    </div>
  );
}

interface CheckoutFormProps {
  conference: Conference;
  cart: Cart;
  user: Me['user'];
}

function CheckoutForm({ conference, cart, user }: CheckoutFormProps) {
  const { slug } = conference;
  const questions = useQuery({
    queryKey: storefrontKeys.questions(slug),
    queryFn: () => listQuestions(slug),
  });
  const credits = useQuery({
    queryKey: storefrontKeys.credits(user.id, slug),
    queryFn: () => listCredits(slug),
  });
  const [billing, setBilling] = useState<Billing>({
    billingName: `${user.firstName} ${user.lastName}`.trim(),
    billingEmail: user.email,
    billingCompany: '',
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [useCredit, setUseCredit] = useState(false);
  const checkout = usePlaceOrder(slug, cart);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void checkout.place({ ...billing, useCredit, answers: answersToSend(answers) });
  };
  let label = `Place order: ${formatMoney(cart.total, cart.currency)}`;
  if (cart.total === 0) label = 'Place free order';
  if (checkout.pending) label = 'Placing your order…';

  return (
    <div className="checkout-grid">
      <div className="checkout-summary">
        {checkout.cartError && <CartProblem error={checkout.cartError} cart={cart} slug={slug} />}
        <OrderSummary cart={cart} />
        <p>
          <Link to={paths.cart(slug)}>Change your cart</Link>
        </p>
      </div>
      <form
        className="form checkout-form"
        onSubmit={submit}
        noValidate
        aria-labelledby="checkout-title"
      >
        <BillingFieldset billing={billing} onChange={setBilling} errors={checkout.fields} />
        <QuestionsFieldset
          questions={questions}
          answers={answers}
          onChange={setAnswers}
          errors={checkout.fields}
        />
        <CreditFieldset
          credits={credits.data}
          currency={conference.currency}
          useCredit={useCredit}
          onChange={setUseCredit}
        />
        {checkout.fieldError && (
          <p className="field-error" role="alert">
            {checkout.fields['form'] ?? 'Please correct the fields marked above.'}
          </p>
        )}
        <ErrorNote error={checkout.otherError} />
        <button type="submit" className="button button-large" disabled={checkout.pending}>
          {label}
        </button>
        <p className="muted">
          Your tickets are held for you while you pay. You can cancel an unpaid order.
        </p>
      </form>
    </div>
  );
}

export function CheckoutPage() {
  const conference = useConference();
  const user = useSignedIn();
  const cart = useConferenceCart();
  const { slug } = conference;
  let body;
  if (cart.error) body = <ErrorNote error={cart.error} onRetry={() => void cart.reload()} />;
  else if (!cart.server) body = <Loading what="your cart" />;
  else if (cart.server.lines.length === 0)
    body = (
      <Empty>
        <p>Your cart is empty, so there is nothing to check out.</p>
        <p>
          <Link to={paths.conference(slug)} className="button">
            See tickets
          </Link>
        </p>
      </Empty>
    );
  else body = <CheckoutForm conference={conference} cart={cart.server} user={user} />;
  return (
    <section className="page">
      <h1 id="checkout-title">Check out</h1>
      {body}
    </section>
  );
}
