import { useState, type FormEvent } from 'react';
import { confirmWithTestCard } from '../api/payments.ts';
import type { CardPayment } from '../api/shapes.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { useAction } from '../../shared/hooks/use-action.ts';
import { TextField } from '../../shared/components/field.tsx';
import { ErrorNote } from '../../shared/components/status.tsx';

/** "12/30", "12 / 2030" → month and four-digit year; null when it is not a date. */
function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

interface TestCardFormProps {
  payment: CardPayment;
  /** Called with the PaymentIntent once the stand-in accepted the card. */
  onConfirmed: (paymentIntentId: string) => Promise<void>;
}

/**
 * TEST MODE's card form: it confirms the PaymentIntent at the local Stripe stand-in exactly as
 * Stripe.js would, so the order is paid through the production path (webhook included).
 */
export function TestCardForm({ payment, onConfirmed }: TestCardFormProps) {
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [expiryError, setExpiryError] = useState<string | undefined>();
  const pay = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseExpiry(expiry);
    setExpiryError(parsed ? undefined : 'Enter the expiry date as MM / YY, for example 12 / 30.');
    if (!parsed) return;
    void pay.run(async () => {
      await confirmWithTestCard(payment, {
        number,
        expMonth: parsed.month,
        expYear: parsed.year,
        cvc,
      });
      await onConfirmed(payment.paymentIntentId);
    });
  };

  // The card's own answer (declined, wrong number, expired) goes next to the card fields.
  const cardError = pay.error?.details['source'] === 'card' ? pay.error : null;
  const param = String(cardError?.details['param'] ?? '');
  const onExpiry = /exp_(month|year)/.test(param);
  return (
    <form className="form card-form" onSubmit={submit} noValidate aria-labelledby="card-form-title">
      <h2 id="card-form-title">Pay by card (test card)</h2>
      <p className="hint">
        TEST MODE: no money moves. <strong>4242 4242 4242 4242</strong> pays;{' '}
        <strong>4000 0000 0000 0002</strong> is declined. Use any future expiry date and any CVC.
      </p>
      <TextField
        label="Card number"
        name="cardNumber"
        inputMode="numeric"
        autoComplete="cc-number"
        required
        placeholder="4242 4242 4242 4242"
        value={number}
        onChange={setNumber}
        error={cardError && !onExpiry ? cardError.message : undefined}
      />
      <div className="field-row">
        <TextField
          label="Expiry (MM / YY)"
          name="cardExpiry"
          autoComplete="cc-exp"
          required
          placeholder="12 / 30"
          value={expiry}
          onChange={setExpiry}
          error={expiryError ?? (cardError && onExpiry ? cardError.message : undefined)}
        />
        <TextField
          label="CVC"
          name="cardCvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          required
          placeholder="123"
          value={cvc}
          onChange={setCvc}
        />
      </div>
      {!cardError && <ErrorNote error={pay.error} />}
      <button type="submit" className="button button-large" disabled={pay.pending}>
        {pay.pending ? 'Paying…' : `Pay ${formatMoney(payment.amount, payment.currency)}`}
      </button>
    </form>
  );
}
