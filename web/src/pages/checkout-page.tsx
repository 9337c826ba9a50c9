import { useEffect, useRef, useState, type FormEvent } from 'react';
import { listQuestions } from '../api/catalog.ts';
import { ApiError, fieldErrorsOf } from '../api/client.ts';
import { listCredits, placeOrder } from '../api/orders.ts';
import type { Cart, Conference, Me } from '../api/types.ts';
import { useConferenceCart } from '../cart/cart-context.tsx';
import { TextField } from '../components/field.tsx';
import { OrderSummary } from '../components/order-summary.tsx';
import { QuestionField } from '../components/question-field.tsx';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';
import { formatMoney } from '../format/money.ts';
import { useAction } from '../hooks/use-action.ts';
import { useResource } from '../hooks/use-resource.ts';
import { paths } from '../router/paths.ts';
import { Link, navigate, Redirect } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';

/** Errors about what is in the cart: shown beside the order summary, which then shows why. */
const CART_ERRORS = new Set([
  'PRICE_CHANGED',
  'CART_CHANGED',
  'CART_EMPTY',
  'CART_EXPIRED',
  'SOLD_OUT',
  'TICKET_STOCK',
  'ADDON_STOCK',
  'TICKET_UNAVAILABLE',
  'ADDON_UNAVAILABLE',
  'CAPACITY_SOLD_OUT',
  'CAPACITY_INSUFFICIENT',
  'PER_USER_LIMIT',
  'VOUCHER_REQUIRED',
  'VOUCHER_SCOPE_MISMATCH',
  'VOUCHER_INVALID',
  'ADDON_PREREQ_MISSING',
  'CONFERENCE_CLOSED',
]);

const FIELD_ERRORS = new Set(['VALIDATION_FAILED', 'ANSWERS_INVALID']);

function newIdempotencyKey(): string {
  return `checkout-${crypto.randomUUID()}`;
}

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
  me: Me;
}

function CheckoutForm({ conference, cart, me }: CheckoutFormProps) {
  const { slug } = conference;
  const cartState = useConferenceCart();
  const questions = useResource(`questions:${slug}`, () => listQuestions(slug));
  const credits = useResource(`credits:${slug}:${me.user.id}`, () => listCredits(slug));
  const [billingName, setBillingName] = useState(`${me.user.firstName} ${me.user.lastName}`.trim());
  const [billingEmail, setBillingEmail] = useState(me.user.email);
  const [billingCompany, setBillingCompany] = useState('');
  const [answers, setAnswers] = useState<Record<string, string | boolean>>({});
  const [useCredit, setUseCredit] = useState(false);
  // One key per attempt: a double click or a retried request returns the same order (D4.2).
  const idempotencyKey = useRef(newIdempotencyKey());
  const place = useAction();

  const creditLeft = (credits.data ?? []).reduce((sum, c) => sum + c.remaining, 0);
  const fields = fieldErrorsOf(place.error);
  const error = place.error;
  const cartError = error && CART_ERRORS.has(error.code) ? error : null;
  const formError = error && !cartError && !FIELD_ERRORS.has(error.code) ? error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent: Record<string, string | boolean> = {};
    for (const [key, value] of Object.entries(answers))
      if (typeof value === 'boolean' || value.trim() !== '') sent[key] = value;
    void place.run(async () => {
      try {
        const order = await placeOrder(
          slug,
          {
            billingName,
            billingEmail,
            billingCompany,
            expectedTotal: cart.total,
            useCredit,
            answers: sent,
          },
          idempotencyKey.current,
        );
        await cartState.reload();
        navigate(
          order.status === 'pending'
            ? paths.pay(slug, order.reference)
            : paths.confirmation(slug, order.reference),
        );
      } catch (caught) {
        // The server answered, so no order exists for this key: the next attempt gets a new one.
        if (caught instanceof ApiError && caught.status > 0) {
          idempotencyKey.current = newIdempotencyKey();
          if (CART_ERRORS.has(caught.code)) await cartState.reload();
        }
        throw caught;
      }
    });
  };

  return (
    <div className="checkout-grid">
      <div className="checkout-summary">
        {cartError && <CartProblem error={cartError} cart={cart} slug={slug} />}
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
        <fieldset>
          <legend>Billing details</legend>
          <TextField
            label="Full name"
            name="billingName"
            autoComplete="name"
            required
            value={billingName}
            onChange={setBillingName}
            error={fields['billingName']}
          />
          <TextField
            label="Email for the receipt"
            name="billingEmail"
            type="email"
            autoComplete="email"
            required
            value={billingEmail}
            onChange={setBillingEmail}
            error={fields['billingEmail']}
          />
          <TextField
            label="Company"
            name="billingCompany"
            autoComplete="organization"
            value={billingCompany}
            onChange={setBillingCompany}
            error={fields['billingCompany']}
          />
        </fieldset>
        <fieldset>
          <legend>About you at the conference</legend>
          <ErrorNote error={questions.error} onRetry={() => void questions.reload()} />
          {!questions.data && !questions.error && <Loading what="the questions" />}
          {questions.data?.length === 0 && (
            <p className="muted">The organisers ask nothing more.</p>
          )}
          {questions.data?.map((question) => (
            <QuestionField
              key={question.key}
              question={question}
              value={answers[question.key]}
              onChange={(value) => setAnswers({ ...answers, [question.key]: value })}
              error={fields[`answers.${question.key}`]}
            />
          ))}
        </fieldset>
        {creditLeft > 0 && (
          <fieldset>
            <legend>Store credit</legend>
            <div className="field field-check">
              <input
                id="use-credit"
                type="checkbox"
                checked={useCredit}
                onChange={(event) => setUseCredit(event.target.checked)}
              />
              <label htmlFor="use-credit">
                Use my store credit ({formatMoney(creditLeft, conference.currency)} available)
              </label>
            </div>
          </fieldset>
        )}
        {fields['form'] && <p className="field-error">{fields['form']}</p>}
        {error && FIELD_ERRORS.has(error.code) && (
          <p className="field-error" role="alert">
            Please correct the fields marked above.
          </p>
        )}
        <ErrorNote error={formError} />
        <button type="submit" className="button button-large" disabled={place.pending}>
          {place.pending
            ? 'Placing your order…'
            : cart.total === 0
              ? 'Place free order'
              : `Place order: ${formatMoney(cart.total, cart.currency)}`}
        </button>
        <p className="muted">
          Your tickets are held for you while you pay. You can cancel an unpaid order.
        </p>
      </form>
    </div>
  );
}

export function CheckoutPage({ conference }: { conference: Conference }) {
  const session = useSession();
  const cart = useConferenceCart();
  const { slug } = conference;
  let body;
  if (session.loading) body = <Loading what="checkout" />;
  else if (!session.me) return <Redirect to={paths.signIn(paths.checkout(slug))} />;
  else if (cart.error) body = <ErrorNote error={cart.error} onRetry={() => void cart.reload()} />;
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
  else body = <CheckoutForm conference={conference} cart={cart.server} me={session.me} />;
  return (
    <section className="page">
      <h1 id="checkout-title">Check out</h1>
      {body}
    </section>
  );
}
