import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Conference } from '../../shared/api/schema.ts';
import { useSignedIn } from '../../shared/session/require-sign-in.tsx';
import { confirmCardPayment, startCardPayment } from '../api/payments.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import type { CardPaymentResult } from '../api/shapes.ts';
import { ExpiryNote } from '../components/cart-expiry.tsx';
import { ErrorNote, Loading } from '../../shared/components/status.tsx';
import { TestCardForm } from '../components/test-card-form.tsx';
import { formatMoney } from '../../shared/format/money.ts';
import { useAction } from '../../shared/hooks/use-action.ts';
import { useBuyerOrder } from '../hooks/use-buyer-order.ts';
import { paths } from '../../shared/routes/paths.ts';
import { useConference } from './conference-layout.tsx';

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
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const user = useSignedIn();
  const queryClient = useQueryClient();
  // Starting a card payment is a POST, but it answers the same intent for the same order: each
  // visit to the page asks again (no cache), as the PaymentIntent may have moved on meanwhile.
  const payment = useQuery({
    queryKey: storefrontKeys.cardPayment(user.id, slug, reference),
    queryFn: () => startCardPayment(slug, reference),
    staleTime: 0,
    gcTime: 0,
  });
  const [result, setResult] = useState<CardPaymentResult | null>(null);
  const check = useAction();

  const finish = useCallback(
    async (paymentIntentId: string) => {
      const answer = await confirmCardPayment(slug, reference, paymentIntentId);
      setResult(answer);
      if (answer.state !== 'succeeded') return;
      // Away first: this page would otherwise see the paid order and go to it unconfirmed.
      await navigate(paths.confirmation(slug, reference));
      // The order is paid now: what the buyer sees next must not be the cached pending order.
      for (const key of [
        storefrontKeys.order(user.id, slug, reference),
        storefrontKeys.orders(user.id, slug),
        storefrontKeys.accountOrders(user.id),
      ])
        void queryClient.invalidateQueries({ queryKey: key });
    },
    [slug, reference, navigate, queryClient, user.id],
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
    return <ErrorNote error={payment.error} onRetry={() => void payment.refetch()} />;
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

export function PaymentPage() {
  const conference = useConference();
  const reference = useParams()['reference'] ?? '';
  const { slug } = conference;
  const order = useBuyerOrder(slug, reference);
  if (order.data && order.data.status !== 'pending')
    return <Navigate to={paths.order(slug, reference)} replace />;
  return (
    <section className="page page-narrow">
      <h1>Pay for order {reference}</h1>
      <ErrorNote error={order.error} onRetry={() => void order.refetch()} />
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
