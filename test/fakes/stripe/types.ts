import type Stripe from 'stripe';

/**
 * Wire shapes the stand-in sends. Each one is a slice of the SDK's own type, so a field we emit
 * cannot drift from what Stripe documents; references to other objects are narrowed to ids
 * because the stand-in only expands them on request.
 */

export type Metadata = Record<string, string>;

export type FakeList<T> = Stripe.ApiList<T>;

export type FakeCustomer = Pick<
  Stripe.Customer,
  | 'id'
  | 'object'
  | 'address'
  | 'balance'
  | 'created'
  | 'currency'
  | 'default_source'
  | 'delinquent'
  | 'description'
  | 'email'
  | 'invoice_prefix'
  | 'invoice_settings'
  | 'livemode'
  | 'metadata'
  | 'name'
  | 'next_invoice_sequence'
  | 'phone'
  | 'preferred_locales'
  | 'shipping'
  | 'tax_exempt'
>;

export interface FakeCardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  country: string;
  funding: 'credit' | 'debit';
  fingerprint: string;
}

export type FakePaymentMethod = Pick<
  Stripe.PaymentMethod,
  'id' | 'object' | 'billing_details' | 'created' | 'livemode' | 'metadata'
> & { type: 'card'; card: FakeCardDetails; customer: string | null };

export interface FakeLastPaymentError {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  message: string;
  doc_url: string;
  charge?: string;
  payment_method?: FakePaymentMethod;
  payment_method_type?: string;
}

type PaymentIntentFields =
  | 'id'
  | 'object'
  | 'amount'
  | 'amount_capturable'
  | 'amount_received'
  | 'application'
  | 'application_fee_amount'
  | 'automatic_payment_methods'
  | 'canceled_at'
  | 'cancellation_reason'
  | 'capture_method'
  | 'client_secret'
  | 'confirmation_method'
  | 'created'
  | 'currency'
  | 'description'
  | 'livemode'
  | 'metadata'
  | 'next_action'
  | 'on_behalf_of'
  | 'payment_method_types'
  | 'processing'
  | 'receipt_email'
  | 'review'
  | 'setup_future_usage'
  | 'shipping'
  | 'statement_descriptor'
  | 'statement_descriptor_suffix'
  | 'status'
  | 'transfer_group';

/**
 * Fields of the pinned version Lanyard never sets; they are always present (as null), as at
 * Stripe. `test/unit/fake-stripe-shapes.test.ts` holds every object to the SDK's required keys.
 */
type UnusedPaymentIntentFields = {
  allowed_payment_method_types: null;
  customer_account: null;
  excluded_payment_method_types: null;
  managed_payments: null;
  payment_method_configuration_details: null;
  payment_method_options: Record<string, never>;
  payment_record: null;
  source: null;
};

export type FakePaymentIntent = Pick<Stripe.PaymentIntent, PaymentIntentFields> &
  UnusedPaymentIntentFields & {
    customer: string | null;
    latest_charge: string | null;
    payment_method: string | null;
    last_payment_error: FakeLastPaymentError | null;
  };

export type PaymentIntentStatus = Stripe.PaymentIntent.Status;

type ChargeFields =
  | 'id'
  | 'object'
  | 'amount'
  | 'amount_captured'
  | 'amount_refunded'
  | 'application'
  | 'application_fee'
  | 'application_fee_amount'
  | 'billing_details'
  | 'calculated_statement_descriptor'
  | 'captured'
  | 'created'
  | 'currency'
  | 'description'
  | 'disputed'
  | 'failure_code'
  | 'failure_message'
  | 'fraud_details'
  | 'livemode'
  | 'metadata'
  | 'on_behalf_of'
  | 'outcome'
  | 'paid'
  | 'receipt_email'
  | 'receipt_number'
  | 'receipt_url'
  | 'refunded'
  | 'review'
  | 'shipping'
  | 'source_transfer'
  | 'statement_descriptor'
  | 'statement_descriptor_suffix'
  | 'status'
  | 'transfer_data'
  | 'transfer_group';

/**
 * A charge as kept in the store and as the API shows it. Since API version 2022-11-15 a charge
 * carries no `refunds` list unless `expand[]=refunds` asks for it (D4.11).
 */
export type StoredCharge = Pick<Stripe.Charge, ChargeFields> & {
  balance_transaction: string | null;
  failure_balance_transaction: null;
  source: null;
  customer: string | null;
  payment_intent: string | null;
  payment_method: string | null;
  payment_method_details: { type: 'card'; card: FakeCardDetails } | null;
};

export type FakeCharge = StoredCharge;

/** A charge with `expand[]=refunds`. */
export type FakeChargeWithRefunds = StoredCharge & { refunds: FakeList<FakeRefund> };

export type FakeRefund = Pick<
  Stripe.Refund,
  | 'id'
  | 'object'
  | 'amount'
  | 'created'
  | 'currency'
  | 'metadata'
  | 'reason'
  | 'receipt_number'
  | 'source_transfer_reversal'
  | 'status'
  | 'transfer_reversal'
> & {
  balance_transaction: string | null;
  charge: string;
  customer: string | null;
  customer_account: null;
  payment_intent: string | null;
  payment_method: string | null;
  /** Present while a card refund waits, or once it failed; absent otherwise, as at Stripe. */
  failure_reason?: string;
};

export type DisputeStatus = Stripe.Dispute.Status;

export type FakeDispute = Pick<
  Stripe.Dispute,
  | 'id'
  | 'object'
  | 'amount'
  | 'created'
  | 'currency'
  | 'is_charge_refundable'
  | 'livemode'
  | 'metadata'
  | 'reason'
  | 'status'
> & {
  charge: string;
  payment_intent: string | null;
  evidence_details: {
    due_by: number;
    has_evidence: boolean;
    past_due: boolean;
    submission_count: number;
  };
};

export type FakeEventType = Extract<
  Stripe.Event.Type,
  | 'customer.created'
  | 'payment_intent.created'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled'
  | 'payment_intent.requires_action'
  | 'payment_intent.amount_capturable_updated'
  | 'charge.succeeded'
  | 'charge.failed'
  | 'charge.captured'
  | 'charge.refunded'
  | 'refund.created'
  | 'refund.updated'
  | 'charge.refund.updated'
  | 'charge.dispute.created'
  | 'charge.dispute.closed'
>;

export type FakeEventObject =
  FakeCustomer | FakePaymentIntent | FakeCharge | FakeRefund | FakeDispute;

/** Who caused an event: the API request (id and idempotency key), or nobody for dashboard actions. */
export type EventRequest = Stripe.Event.Request;

export type FakeEvent = Pick<
  Stripe.EventBase,
  'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks'
> & {
  type: FakeEventType;
  request: EventRequest;
  data: { object: FakeEventObject };
};
