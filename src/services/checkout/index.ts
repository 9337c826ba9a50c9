export { checkoutErrors } from './errors.ts';
export { placeOrder, type PlaceOrderInput, type PlaceOrderResult } from './place-order.ts';
export { checkoutTestHooks } from './test-hooks.ts';
export type { Billing } from './write-order.ts';
