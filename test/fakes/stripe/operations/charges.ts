import { newId } from '../ids.ts';
import type { OperationContext } from '../store.ts';
import type { Decline } from '../test-cards.ts';
import type { FakePaymentIntent, FakePaymentMethod, StoredCharge } from '../types.ts';

export type ChargeResult = { kind: 'authorized' } | { kind: 'declined'; decline: Decline };

function outcomeOf(result: ChargeResult): StoredCharge['outcome'] {
  if (result.kind === 'authorized') {
    return {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    };
  }
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'declined_by_network',
    reason: result.decline.declineCode ?? result.decline.code,
    risk_level: 'normal',
    seller_message: 'The bank did not return any further details with this decline.',
    type: 'issuer_declined',
  };
}

/** The charge a confirm attempt leaves behind, paid or failed; the intent points at it. */
export function createCharge(
  ctx: OperationContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  result: ChargeResult,
): StoredCharge {
  const authorized = result.kind === 'authorized';
  const captured = authorized && intent.capture_method !== 'manual';
  const charge: StoredCharge = {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: captured ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: captured ? newId('txn') : null,
    billing_details: method.billing_details,
    calculated_statement_descriptor: 'LANYARD',
    captured,
    created: ctx.account.clock.nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: authorized ? null : result.decline.code,
    failure_message: authorized ? null : result.decline.message,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: outcomeOf(result),
    paid: authorized,
    payment_intent: intent.id,
    payment_method: method.id,
    payment_method_details: { type: 'card', card: { ...method.card } },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: intent.statement_descriptor,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: authorized ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: intent.transfer_group,
  };
  ctx.account.store.charges.set(charge.id, charge);
  return charge;
}
