import type { Payment } from '../../db/schema/index.ts';
import type { StateMachine } from './machine.ts';

export type PaymentStatus = Payment['status'];

/**
 * Payments (D4.2, D4.3, D4.4, D4.8). A card attempt is recorded `pending` before Stripe is
 * called; money that arrived another way (manual, comp, credit, a card success Lanyard had not
 * recorded) is inserted `succeeded`. `processing` is in the enum and in the guards, but no code
 * moves a payment into it today.
 */
export const paymentStates: StateMachine<PaymentStatus> = {
  entity: 'payment',
  statuses: {
    pending: { initial: true },
    processing: { initial: false },
    succeeded: { initial: true },
    failed: { initial: false },
    cancelled: { initial: false },
    refunded: { initial: false },
  },
  transitions: [
    { from: 'pending', to: 'succeeded', why: 'HOOK-10 the card payment succeeded' },
    { from: 'processing', to: 'succeeded', why: 'HOOK-10 the card payment succeeded' },
    { from: 'failed', to: 'succeeded', why: 'HOOK-10 a retry after a decline succeeded' },
    {
      from: 'cancelled',
      to: 'succeeded',
      why: 'HOOK-10 a superseded intent was paid before Stripe cancelled it',
    },
    { from: 'pending', to: 'failed', why: 'HOOK-11 the card was declined' },
    { from: 'processing', to: 'failed', why: 'HOOK-11 the card was declined' },
    { from: 'failed', to: 'pending', why: 'D4.2 the buyer tries the same attempt again' },
    {
      from: 'pending',
      to: 'cancelled',
      why: 'superseded, lapsed or abandoned attempt; or cancelled at Stripe',
    },
    { from: 'processing', to: 'cancelled', why: 'the intent was cancelled at Stripe' },
    {
      from: 'failed',
      to: 'cancelled',
      why: 'superseded, lapsed or abandoned attempt; or cancelled at Stripe',
    },
    {
      from: 'succeeded',
      to: 'refunded',
      why: 'CRD-4 a credit payment goes back to its credit when the order is cancelled',
    },
  ],
};
