import type { Cart, TraceStep } from '../api/shapes.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { discountReason } from '../format/words.ts';

/** Why a line costs less than its list price: each discount step with its reason (D3.2). */
export function DiscountReasons({ trace, currency }: { trace: TraceStep[]; currency: string }) {
  if (trace.length === 0) return null;
  return (
    <ul className="discount-reasons" aria-label="Discounts on this item">
      {trace.map((step) => (
        <li key={`${step.kind}:${step.ruleId}`}>
          <span className="discount-name">
            {step.kind === 'voucher' ? `Voucher ${step.ruleName}` : step.ruleName}
          </span>{' '}
          <span className="discount-amount">−{formatMoney(step.amountOff, currency)}</span>
          <span className="discount-why"> — {discountReason(step.reasonCode)}</span>
        </li>
      ))}
    </ul>
  );
}

export function PriceBreakdown({ cart }: { cart: Cart }) {
  const money = (amount: number) => formatMoney(amount, cart.currency);
  return (
    <dl className="breakdown" data-testid="price-breakdown">
      <div>
        <dt>Subtotal</dt>
        <dd>{money(cart.subtotal)}</dd>
      </div>
      {cart.conditionDiscount > 0 && (
        <div>
          <dt>Automatic discounts</dt>
          <dd>−{money(cart.conditionDiscount)}</dd>
        </div>
      )}
      {cart.voucherDiscount > 0 && (
        <div>
          <dt>Voucher {cart.voucher?.code}</dt>
          <dd>−{money(cart.voucherDiscount)}</dd>
        </div>
      )}
      <div className="breakdown-total">
        <dt>Total</dt>
        <dd data-testid="cart-total">{money(cart.total)}</dd>
      </div>
    </dl>
  );
}
