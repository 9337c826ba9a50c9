import { api, ApiError, errorFromBody, unwrap } from '../../shared/api/client.ts';
import type { CardPayment, CardPaymentResult, OrderDetail } from './shapes.ts';

const orderParams = (slug: string, reference: string) => ({
  params: { path: { slug, reference } },
});

export function startCardPayment(slug: string, reference: string): Promise<CardPayment> {
  return unwrap(
    api.POST(
      '/api/v1/conferences/{slug}/orders/{reference}/payments/card',
      orderParams(slug, reference),
    ),
  );
}

/** After the browser confirmed: the server looks at the PaymentIntent now (no webhook wait). */
export function confirmCardPayment(
  slug: string,
  reference: string,
  paymentIntentId: string,
): Promise<CardPaymentResult> {
  return unwrap(
    api.POST('/api/v1/conferences/{slug}/orders/{reference}/payments/card/confirm', {
      ...orderParams(slug, reference),
      body: { paymentIntentId },
    }),
  );
}

export function payWithCredit(slug: string, reference: string): Promise<OrderDetail> {
  return unwrap(
    api.POST(
      '/api/v1/conferences/{slug}/orders/{reference}/payments/credit',
      orderParams(slug, reference),
    ),
  );
}

export interface TestCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/**
 * TEST MODE: confirms the PaymentIntent at the in-process Stripe stand-in the way Stripe.js
 * would (publishable key and client secret, form encoded). Stripe's error words are passed on.
 */
export async function confirmWithTestCard(payment: CardPayment, card: TestCard): Promise<void> {
  const form = new URLSearchParams({
    client_secret: payment.clientSecret,
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': card.number.replace(/\D/g, ''),
    'payment_method_data[card][exp_month]': String(card.expMonth),
    'payment_method_data[card][exp_year]': String(card.expYear),
    'payment_method_data[card][cvc]': card.cvc,
  });
  let response: Response;
  try {
    response = await fetch(`/test-stripe/v1/payment_intents/${payment.paymentIntentId}/confirm`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${payment.publishableKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'We could not reach the payment service. Please try again.',
      {},
    );
  }
  if (response.ok) return;
  const body = (await response.json().catch(() => null)) as {
    error?: { message?: string; code?: string; param?: string };
  } | null;
  if (body?.error?.message) {
    throw new ApiError(response.status, body.error.code ?? 'card_error', body.error.message, {
      source: 'card',
      param: body.error.param ?? '',
    });
  }
  throw errorFromBody(response.status, body);
}
