export { checkoutErrors } from './errors.ts';
export { placeOrder, type PlaceOrderInput, type PlaceOrderResult } from './place-order.ts';
export type { Billing } from './write-order.ts';
