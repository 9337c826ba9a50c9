import { recordEvent } from '../events/record.ts';
import { newId } from '../ids.ts';
import { getChargeOrThrow, getDisputeOrThrow, type OperationContext } from '../store.ts';
import type { FakeDispute } from '../types.ts';

export interface CreateDisputeInput {
  amount?: number;
  reason?: string;
}

const SEVEN_DAYS = 7 * 24 * 60 * 60;

/** A chargeback opened by the card holder's bank; only test helpers start one. */
export function createDispute(
  ctx: OperationContext,
  chargeId: string,
  input: CreateDisputeInput = {},
): FakeDispute {
  const { store, clock } = ctx.account;
  const charge = getChargeOrThrow(store, chargeId, { param: 'charge' });
  if (charge.status !== 'succeeded' || !charge.captured) {
    throw new Error(`Charge ${chargeId} has no captured payment to dispute`);
  }
  if (charge.disputed) throw new Error(`Charge ${chargeId} is already disputed`);
  const now = clock.nowSeconds();
  const dispute: FakeDispute = {
    id: newId('dp'),
    object: 'dispute',
    amount: input.amount ?? charge.amount_captured - charge.amount_refunded,
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence_details: {
      due_by: now + SEVEN_DAYS,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: input.reason ?? 'fraudulent',
    status: 'needs_response',
  };
  store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  recordEvent(ctx, 'charge.dispute.created', dispute);
  return dispute;
}

export function closeDispute(
  ctx: OperationContext,
  disputeId: string,
  status: 'won' | 'lost',
): FakeDispute {
  const dispute = getDisputeOrThrow(ctx.account.store, disputeId, { param: 'dispute' });
  if (dispute.status === 'won' || dispute.status === 'lost') {
    throw new Error(`Dispute ${disputeId} is already closed (${dispute.status})`);
  }
  dispute.status = status;
  dispute.is_charge_refundable = status === 'won';
  recordEvent(ctx, 'charge.dispute.closed', dispute);
  return dispute;
}
