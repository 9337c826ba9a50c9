import type { Order, Payment } from '../../db/schema/index.ts';

const ORDER_STATUS: Record<Order['status'], string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
};

const PAYMENT_METHOD: Record<Payment['method'], string> = {
  stripe: 'Card',
  terminal: 'Card at the registration desk',
  comp: 'Complimentary',
  credit: 'Store credit',
  manual: 'Payment recorded by the organisers',
};

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
