import type { Refund } from '../../db/schema/index.ts';
import type { StateMachine } from './machine.ts';

export type RefundStatus = Refund['status'];

/**
 * Refunds (D4.6, D4.11). A card refund is recorded `pending` and settled by Stripe's answer or
 * its events, once; a refund to store credit (or one that only cancels free lines) is inserted
 * `succeeded`.
 */
export const refundStates: StateMachine<RefundStatus> = {
  entity: 'refund',
  statuses: {
    pending: { initial: true },
    succeeded: { initial: true },
    failed: { initial: false },
  },
  transitions: [
    { from: 'pending', to: 'succeeded', why: 'D4.6 Stripe confirmed the card refund' },
    { from: 'pending', to: 'failed', why: 'D4.6 Stripe refused or failed the card refund' },
  ],
};
