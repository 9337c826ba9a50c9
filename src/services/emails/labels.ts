import { ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '../../domain/labels.ts';
import type { Order, Payment } from '../../db/schema/index.ts';

// Typed by the schema's enums: a status the database gains without a label fails typecheck.
const ORDER_STATUS: Record<Order['status'], string> = ORDER_STATUS_LABELS;
const PAYMENT_METHOD: Record<Payment['method'], string> = PAYMENT_METHOD_LABELS;

export function orderStatusLabel(status: Order['status']): string {
  return ORDER_STATUS[status];
}

export function paymentMethodLabel(method: Payment['method']): string {
  return PAYMENT_METHOD[method];
}

/** Subjects are one header line: a newline in a conference name must not start a new header. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}
