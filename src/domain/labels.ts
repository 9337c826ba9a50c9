/**
 * Statuses and payment methods in the buyer's words: one table for the web app and the emails,
 * so an order reads the same on the page and in the inbox. Pure data (the web app bundles it).
 *
 * The keys repeat the database enums on purpose: `services/emails/labels.ts` assigns these tables
 * to records keyed by the schema's enums, and the web app to records keyed by the OpenAPI
 * document's, so a status added to either side without a label here fails `npm run typecheck`.
 */

export const ORDER_STATUS_LABELS = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
} as const;

export const PAYMENT_STATUS_LABELS = {
  pending: 'Pending',
  processing: 'Processing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
} as const;

export const PAYMENT_METHOD_LABELS = {
  stripe: 'Card',
  terminal: 'Card at the registration desk',
  comp: 'Complimentary',
  credit: 'Store credit',
  manual: 'Payment recorded by the organisers',
} as const;

export const REFUND_STATUS_LABELS = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
} as const;

export type OrderStatusCode = keyof typeof ORDER_STATUS_LABELS;
export type PaymentStatusCode = keyof typeof PAYMENT_STATUS_LABELS;
export type PaymentMethodCode = keyof typeof PAYMENT_METHOD_LABELS;
export type RefundStatusCode = keyof typeof REFUND_STATUS_LABELS;
