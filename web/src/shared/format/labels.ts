import {
  ORDER_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  REFUND_STATUS_LABELS,
} from '../../../../src/domain/labels.ts';
import type { JsonOf } from '../api/schema.ts';

/**
 * Status and payment-method words, the same the emails use (src/domain/labels.ts). Typed by the
 * API's enums: a status the API gains without a label fails typecheck.
 */
type OrderDetail = JsonOf<'/api/v1/conferences/{slug}/orders/{reference}', 'get'>;

export const ORDER_STATUS_WORDS: Record<OrderDetail['status'], string> = ORDER_STATUS_LABELS;

// The API documents a payment's method and status as plain strings (the order presenter's zod
// schema), so these two are looked up by string with a readable fallback.
const PAYMENT_METHOD_WORDS: Record<string, string> = PAYMENT_METHOD_LABELS;
const PAYMENT_STATUS_WORDS: Record<string, string> = PAYMENT_STATUS_LABELS;
const REFUND_STATUS_WORDS: Record<OrderDetail['refunds'][number]['status'], string> =
  REFUND_STATUS_LABELS;

/** Unknown codes (a newer server) fall back to a readable form of the code. */
export function readable(code: string): string {
  const text = code.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function paymentMethodWords(method: string): string {
  return PAYMENT_METHOD_WORDS[method] ?? readable(method);
}

export function paymentStatusWords(status: string): string {
  return PAYMENT_STATUS_WORDS[status] ?? readable(status);
}

export function refundStatusWords(status: OrderDetail['refunds'][number]['status']): string {
  return REFUND_STATUS_WORDS[status];
}
