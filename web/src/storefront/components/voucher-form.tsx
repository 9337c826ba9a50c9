import { useId, useState, type FormEvent } from 'react';
import { useConferenceCart } from '../cart/cart-context.tsx';
import { formatMoney } from '../../shared/format/money.ts';
import { voucherReason } from '../format/words.ts';
import { useAction } from '../../shared/hooks/use-action.ts';
import { paths } from '../../shared/routes/paths.ts';
import { Link, useLocation } from 'react-router';

function VoucherState() {
  const cart = useConferenceCart();
  const remove = useAction();
  const { pathname } = useLocation();
  const voucher = cart.server?.voucher;
  if (!cart.voucherCode) return null;
  let words: string;
  if (!cart.signedIn) words = 'It will be checked and applied when you sign in.';
  else if (voucher?.status === 'applied')
    words =
      voucher.discount > 0
        ? `Applied: ${formatMoney(voucher.discount, cart.server?.currency ?? 'USD')} off.`
        : 'Applied.';
  else words = voucherReason(voucher?.reasonCode ?? null);
  return (
    <div className="voucher-state" role="status">
      <p>
        Voucher <strong className="code">{cart.voucherCode}</strong>. {words}
        {!cart.signedIn && (
          <>
            {' '}
            <Link to={paths.signIn(pathname)}>Sign in</Link> to see the tickets it unlocks.
          </>
        )}
      </p>
      <button
        type="button"
        className="button-link"
        disabled={remove.pending}
        onClick={() => void remove.run(cart.removeVoucher)}
      >
        Remove voucher
      </button>
      {remove.error && (
        <p role="alert" className="field-error">
          {remove.error.message}
        </p>
      )}
    </div>
  );
}

/** Enter a voucher: it may take money off, or unlock tickets that are otherwise hidden. */
export function VoucherForm() {
  const cart = useConferenceCart();
  const id = useId();
  const apply = useAction();
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) return;
    void apply.run(() => cart.applyVoucher(trimmed)).then((ok) => ok && setCode(''));
  };

  return (
    <section className="voucher" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Voucher</h2>
      <VoucherState />
      <form className="inline-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>Voucher code</label>
          <input
            id={`${id}-code`}
            name="voucher"
            value={code}
            autoCapitalize="characters"
            autoComplete="off"
            aria-invalid={apply.error ? true : undefined}
            aria-describedby={apply.error ? `${id}-error` : undefined}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-secondary" disabled={apply.pending}>
          {apply.pending ? 'Applying…' : 'Apply voucher'}
        </button>
      </form>
      {apply.error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {apply.error.message}
        </p>
      )}
    </section>
  );
}
