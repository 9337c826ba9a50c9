import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { confirmCardPayment, startCardPayment } from '../api/payments.ts';
import type { CardPaymentResult, Conference } from '../api/types.ts';
import { ExpiryNote } from '../components/cart-expiry.tsx';
import { ErrorNote, Loading } from '../components/status.tsx';
import { TestCardForm } from '../components/test-card-form.tsx';
import { formatMoney } from '../format/money.ts';
import { useAction } from '../hooks/use-action.ts';
import { useBuyerOrder } from '../hooks/use-buyer-order.ts';
import { useResource } from '../hooks/use-resource.ts';
import { paths } from '../router/paths.ts';
import { Link, navigate, Redirect, useLocation } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';

// Stripe's own form only loads for conferences with real keys: it stays out of the main bundle.
const StripePaymentForm = lazy(() => import('../components/stripe-payment-form.tsx'));

const STATE_TONE: Record<CardPaymentResult['state'], string> = {
  succeeded: 'note-success',
  processing: 'note-info',
  requires_action: 'note-warning',
  failed: 'note-error',
  cancelled: 'note-error',
};

function ResultNote({
  result,
  onCheckAgain,
}: {
  result: CardPaymentResult;
  onCheckAgain: () => void;
}) {
  const fallback =
    result.state === 'processing'
      ? 'Your payment is being processed. This page shows the result once your bank confirms it.'
      : 'The payment did not go through.';
  return (
    <div role="alert" className={`note ${STATE_TONE[result.state]}`}>
      <p>{result.message || fallback}</p>
      {result.state === 'processing' && (
        <button type="button" className="button-link" onClick={onCheckAgain}>
          Check again
        </button>
      )}
    </div>
  );
}

function PaymentSection({ conference, reference }: { conference: Conference; reference: string }) {
  const { slug } = conference;
  const { search } = useLocation();
  const payment = useResource(`card:${slug}:${reference}`, () => startCardPayment(slug, reference));
  const [result, setResult] = useState<CardPaymentResult | null>(null);
  const check = useAction();

  const finish = useCallback(
    async (paymentIntentId: string) => {
      const answer = await confirmCardPayment(slug, reference, paymentIntentId);
      setResult(answer);
      if (answer.state === 'succeeded') navigate(paths.confirmation(slug, reference));
    },
    [slug, reference],
  );

  // Back from a Stripe redirect (3-D Secure, bank pages): ask the server how it went.
  const returned = search.get('payment_intent');
  const handledReturn = useRef(false);
  useEffect(() => {
    if (!returned || handledReturn.current) return;
    handledReturn.current = true;
    void check.run(() => finish(returned));
  }, [returned, finish, check]);

  if (payment.error)
    return <ErrorNote error={payment.error} onRetry={() => void payment.reload()} />;
  if (!payment.data) return <Loading what="the payment form" />;
  const intentId = payment.data.paymentIntentId;
  return (
    <>
      {result && result.state !== 'succeeded' && (
        <ResultNote result={result} onCheckAgain={() => void check.run(() => finish(intentId))} />
      )}
      <ErrorNote error={check.error} />
      {payment.data.testMode ? (
        <TestCardForm payment={payment.data} onConfirmed={finish} />
      ) : (
        <Suspense fallback={<Loading what="the secure payment form" />}>
          <StripePaymentForm
            payment={payment.data}
            returnUrl={`${window.location.origin}${paths.pay(slug, reference)}`}
            onConfirmed={finish}
          />
        </Suspense>
      )}
    </>
  );
}

export function PaymentPage({
  conference,
  reference,
}: {
  conference: Conference;
  reference: string;
}) {
  const session = useSession();
  const { slug } = conference;
  const order = useBuyerOrder(slug, reference);
  if (session.loading) return <Loading what="your order" />;
  if (!session.me) return <Redirect to={paths.signIn(paths.pay(slug, reference))} />;
  if (order.data && order.data.status !== 'pending')
    return <Redirect to={paths.order(slug, reference)} />;
  return (
    <section className="page page-narrow">
      <h1>Pay for order {reference}</h1>
      <ErrorNote error={order.error} onRetry={() => void order.reload()} />
      {!order.data && !order.error && <Loading what="your order" />}
      {order.data && (
        <>
          <p className="amount-due">
            Order total: <strong>{formatMoney(order.data.total, order.data.currency)}</strong>
          </p>
          {order.data.holdExpiresAt && (
            <ExpiryNote expiresAt={order.data.holdExpiresAt} what="your tickets" />
          )}
          <PaymentSection conference={conference} reference={reference} />
        </>
      )}
      <p>
        <Link to={paths.order(slug, reference)}>See the order, or cancel it</Link>
      </p>
    </section>
  );
}
