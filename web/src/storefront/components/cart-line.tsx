import { useId } from 'react';
import type { TraceStep } from '../api/shapes.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { useAction } from '../../shared/hooks/use-action.ts';
import { DiscountReasons } from './price-breakdown.tsx';

interface CartLineProps {
  lineKey: string;
  name: string;
  quantity: number;
  unitPrice: number;
  currency: string;
  /** Priced total; absent for a browser cart, which shows list prices only. */
  total?: number;
  trace?: TraceStep[];
  problem?: string | undefined;
  onSetQuantity: (key: string, quantity: number) => Promise<void>;
  onRemove: (key: string) => Promise<void>;
}

/** One cart line with its quantity controls; whatever goes wrong with it is said right here. */
export function CartLineRow(props: CartLineProps) {
  const { lineKey, name, quantity, unitPrice, currency, total, trace, problem } = props;
  const id = useId();
  const action = useAction();
  const money = (amount: number) => formatMoney(amount, currency);
  const subtotal = unitPrice * quantity;
  const describedBy = [problem ? `${id}-problem` : '', action.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className="cart-line" data-testid="cart-line" aria-labelledby={`${id}-name`}>
      <div className="cart-line-main">
        <h3 id={`${id}-name`} className="cart-line-name">
          {name}
        </h3>
        <p className="muted">{money(unitPrice)} each</p>
        {trace && <DiscountReasons trace={trace} currency={currency} />}
      </div>
      <div className="quantity" role="group" aria-label={`Quantity of ${name}`}>
        <button
          type="button"
          className="button-icon"
          aria-label={`One fewer ${name}`}
          disabled={action.pending}
          aria-describedby={describedBy || undefined}
          onClick={() => void action.run(() => props.onSetQuantity(lineKey, quantity - 1))}
        >
          −
        </button>
        <output aria-live="polite" className="quantity-value">
          {quantity}
        </output>
        <button
          type="button"
          className="button-icon"
          aria-label={`One more ${name}`}
          disabled={action.pending}
          aria-describedby={describedBy || undefined}
          onClick={() => void action.run(() => props.onSetQuantity(lineKey, quantity + 1))}
        >
          +
        </button>
        <button
          type="button"
          className="button-link"
          disabled={action.pending}
          onClick={() => void action.run(() => props.onRemove(lineKey))}
        >
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </div>
      <p className="cart-line-total">
        {total !== undefined && total !== subtotal && <s className="muted">{money(subtotal)}</s>}{' '}
        <strong>{money(total ?? subtotal)}</strong>
      </p>
      {problem && (
        <p className="field-error" role="alert" id={`${id}-problem`}>
          {problem}
        </p>
      )}
      {action.error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {action.error.message}
        </p>
      )}
    </li>
  );
}
