import { loadStripe, type Stripe, type StripeElements } from '@stripe/stripe-js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CardPayment } from '../api/shapes.ts';
import { formatMoney } from '../../shared/format/money.ts';

interface StripePaymentFormProps {
  payment: CardPayment;
  /** Where Stripe sends the buyer back after a redirect-based method or 3-D Secure. */
  returnUrl: string;
  onConfirmed: (paymentIntentId: string) => Promise<void>;
}

/**
 * Stripe's Payment Element, for conferences with real keys. Loaded only when needed (its own
 * chunk, outside the storefront bundle), and it loads Stripe.js from Stripe.
 */
export default function StripePaymentForm({
  payment,
  returnUrl,
  onConfirmed,
}: StripePaymentFormProps) {
  const container = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let gone = false;
    loadStripe(payment.publishableKey)
      .then((loaded) => {
        if (gone || !loaded || !container.current) {
          if (!loaded)
            setError('Stripe could not be loaded. Check your connection and reload the page.');
          return;
        }
        const elements = loaded.elements({ clientSecret: payment.clientSecret });
        elements.create('payment').mount(container.current);
        setStripe({ stripe: loaded, elements });
      })
      .catch(() =>
        setError('Stripe could not be loaded. Check your connection and reload the page.'),
      );
    return () => {
      gone = true;
    };
  }, [payment.publishableKey, payment.clientSecret]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stripe || pending) return;
    setPending(true);
    setError(null);
    try {
      const result = await stripe.stripe.confirmPayment({
        elements: stripe.elements,
        confirmParams: { return_url: returnUrl },
        redirect: 'if_required',
      });
      if (result.error) setError(result.error.message ?? 'The payment did not go through.');
      else await onConfirmed(result.paymentIntent.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The payment did not go through.');
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="form card-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="card-form-title"
    >
      <h2 id="card-form-title">Pay by card</h2>
      <div ref={container} className="payment-element" />
      {!stripe && !error && (
        <p role="status" className="loading">
          Loading the secure payment form…
        </p>
      )}
      {error && (
        <div role="alert" className="note note-error">
          <p>{error}</p>
        </div>
      )}
      <button type="submit" className="button button-large" disabled={!stripe || pending}>
        {pending ? 'Paying…' : `Pay ${formatMoney(payment.amount, payment.currency)}`}
      </button>
    </form>
  );
}
