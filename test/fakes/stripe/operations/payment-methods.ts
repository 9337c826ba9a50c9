import { createHash } from 'node:crypto';
import { invalidParam } from '../errors.ts';
import { newId } from '../ids.ts';
import { getPaymentMethodOrThrow, type OperationContext } from '../store.ts';
import { findTestCardByNumber, findTestCardByToken, type TestCard } from '../test-cards.ts';
import type { FakePaymentMethod } from '../types.ts';

/** How a confirm names its payment method: an id or test token, or raw test card details. */
export type PaymentMethodSource =
  | { kind: 'id'; id: string }
  | { kind: 'card'; number: string; expMonth?: number; expYear?: number };

function storeCard(ctx: OperationContext, card: TestCard, expMonth: number, expYear: number) {
  const method: FakePaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      last4: card.number.slice(-4),
      exp_month: expMonth,
      exp_year: expYear,
      country: 'US',
      funding: card.funding,
      fingerprint: createHash('sha256').update(card.number).digest('hex').slice(0, 16),
    },
    created: ctx.account.clock.nowSeconds(),
    customer: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  ctx.account.store.paymentMethods.set(method.id, method);
  ctx.account.store.cardOutcomes.set(method.id, card.outcome);
  return method;
}

/**
 * Turns what the caller sent into a stored payment method. Test tokens such as `pm_card_visa`
 * create a fresh `pm_…` each time, as in Stripe; a known `pm_…` id is reused.
 */
export function resolvePaymentMethod(
  ctx: OperationContext,
  source: PaymentMethodSource,
): FakePaymentMethod {
  const defaultExpiryYear = new Date().getUTCFullYear() + 3;
  if (source.kind === 'card') {
    const card = findTestCardByNumber(source.number);
    if (!card) {
      throw invalidParam(
        'Your card number is not a Stripe test card this stand-in knows.',
        'payment_method_data[card][number]',
        'incorrect_number',
      );
    }
    return storeCard(ctx, card, source.expMonth ?? 12, source.expYear ?? defaultExpiryYear);
  }
  const card = findTestCardByToken(source.id);
  if (card) return storeCard(ctx, card, 12, defaultExpiryYear);
  return getPaymentMethodOrThrow(ctx.account.store, source.id, {
    param: 'payment_method',
    status: 400,
  });
}
