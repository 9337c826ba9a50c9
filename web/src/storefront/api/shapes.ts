/** The storefront's names for API shapes, read off the generated OpenAPI types. */
import type { BodyOf, JsonOf } from '../../shared/api/schema.ts';

export type TicketType = JsonOf<
  '/api/v1/conferences/{slug}/ticket-types',
  'get'
>['ticketTypes'][number];
export type Addon = JsonOf<'/api/v1/conferences/{slug}/addons', 'get'>['addons'][number];
export type Question = JsonOf<'/api/v1/conferences/{slug}/questions', 'get'>['questions'][number];
export type SaleState = TicketType['saleState'];

export type Cart = JsonOf<'/api/v1/conferences/{slug}/cart', 'get'>;
export type CartLine = Cart['lines'][number];
export type TraceStep = CartLine['trace'][number];
export type ProductKind = CartLine['kind'];

export type OrderSummary = JsonOf<'/api/v1/conferences/{slug}/orders', 'get'>['orders'][number];
export type OrderDetail = JsonOf<'/api/v1/conferences/{slug}/orders/{reference}', 'get'>;
export type OrderStatus = OrderSummary['status'];
export type CheckoutRequest = BodyOf<'/api/v1/conferences/{slug}/checkout', 'post'>;
export type Credit = JsonOf<'/api/v1/conferences/{slug}/credits', 'get'>['credits'][number];

export type CardPayment = JsonOf<
  '/api/v1/conferences/{slug}/orders/{reference}/payments/card',
  'post'
>;
export type CardPaymentResult = JsonOf<
  '/api/v1/conferences/{slug}/orders/{reference}/payments/card/confirm',
  'post'
>;
