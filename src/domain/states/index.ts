export {
  assertInitial,
  assertTransition,
  canTransition,
  IllegalTransitionError,
  type StateMachine,
  type Transition,
} from './machine.ts';
export { orderStates, type OrderStatus } from './order-states.ts';
export { paymentStates, type PaymentStatus } from './payment-states.ts';
export { refundStates, type RefundStatus } from './refund-states.ts';
