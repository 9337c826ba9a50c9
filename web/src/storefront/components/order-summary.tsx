import type { Cart } from '../api/shapes.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { DiscountReasons, PriceBreakdown } from './price-breakdown.tsx';

/** The cart as checkout will order it, read-only, with any line checkout would refuse. */
export function OrderSummary({ cart }: { cart: Cart }) {
  return (
    <section className="card order-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Order summary</h2>
      <ul className="summary-lines">
        {cart.lines.map((line) => {
          const problem = cart.problems.find((p) => p.itemId === line.itemId);
          return (
            <li key={line.itemId}>
              <div className="summary-line">
                <span>
                  {line.quantity} × {line.name}
                </span>
                <span>{formatMoney(line.total, cart.currency)}</span>
              </div>
              <DiscountReasons trace={line.trace} currency={cart.currency} />
              {problem && (
                <p className="field-error" role="alert">
                  {problem.message}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <PriceBreakdown cart={cart} />
    </section>
  );
}
