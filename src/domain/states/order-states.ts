import type { Order } from '../../db/schema/index.ts';
import type { StateMachine } from './machine.ts';

export type OrderStatus = Order['status'];

/**
 * Orders (D2.5, D2.6, D4.4, D4.6, D4.10). Checkout inserts `pending` with a hold; money, the
 * sweep, the buyer and refunds move it on. Refund statuses only move forward (D4.6, W-5).
 */
export const orderStates: StateMachine<OrderStatus> = {
  entity: 'order',
  statuses: {
    pending: { initial: true },
    paid: { initial: false },
    partially_refunded: { initial: false },
    refunded: { initial: false },
    cancelled: { initial: false },
  },
  transitions: [
    { from: 'pending', to: 'paid', why: 'D4.4 the payments cover the total (markOrderPaid)' },
    {
      from: 'pending',
      to: 'cancelled',
      why: 'D2.5 hold lapsed / D4.10 buyer cancelled / D2.6 late money could not revive it',
    },
    {
      from: 'pending',
      to: 'pending',
      why: 'D2.6 late money for a lapsed hold the sweep had not reached: the hold is renewed',
    },
    { from: 'cancelled', to: 'pending', why: 'D2.6 late money revives a lapsed hold' },
    { from: 'paid', to: 'partially_refunded', why: 'D4.6 refunded less than was paid' },
    { from: 'paid', to: 'refunded', why: 'D4.6 refunded all that was paid' },
    { from: 'partially_refunded', to: 'refunded', why: 'D4.6 the last refund' },
  ],
};
