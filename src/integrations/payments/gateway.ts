import type { Conference } from '../../db/schema/index.ts';
import type { PaymentEvent, ReceivedEvent, WebhookCheck } from './events.ts';

/**
 * Lanyard's own words for taking card money online (STYLE §9, issue 15.4). Services see only
 * these types; the one implementation on the official Stripe SDK lives in `integrations/stripe`.
 * Failures are thrown as `GatewayError` (errors.ts), never as the SDK's own classes.
 *
 * A card reader at the desk (Stripe Terminal) and invoicing (Stripe invoices, QuickBooks) will
 * be their own small interfaces beside this one, resolved per conference the same way, with
 * their events joining `PaymentEvent`; a reader sale ends in the same `payment_succeeded`.
 */

/** Where a card payment stands, in Lanyard's terms. */
export type CardIntentStatus =
  /** Waiting for the buyer to give a card (or after a decline, another one). */
  | 'awaiting_payment'
  /** The buyer must do something more (3-D Secure). */
  | 'requires_action'
  | 'processing'
  /** Money reserved and awaiting capture (a reader sale, later). */
  | 'authorised'
  | 'succeeded'
  | 'cancelled';

export interface PaymentFailure {
  /** What the card network said, for the buyer; null when it said nothing. */
  message: string | null;
  /** Tells one failed try from the next on the same intent (e.g. its charge), for de-duplication. */
  attempt: string;
}

/** One attempt to take a card payment (a Stripe PaymentIntent). */
export interface CardIntent {
  id: string;
  status: CardIntentStatus;
  /** Minor units asked for. */
  amount: number;
  /** Minor units actually received (0 until it succeeds). */
  amountReceived: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** What the browser needs to pay it; null once the provider stops handing it out. */
  clientSecret: string | null;
  /** The Lanyard order it was made for, as Lanyard tagged it; null for intents Lanyard did not make. */
  orderId: string | null;
  /** The charge that took the money, once there is one. */
  chargeId: string | null;
  lastFailure: PaymentFailure | null;
}

export interface NewCardIntent {
  amount: number;
  currency: string;
  customerId: string;
  /** Shown on the provider's dashboard and the buyer's statement details. */
  description: string;
  /** Tags the intent carries, so its events find their way back (order id read back as `orderId`). */
  tags: {
    orderId: string;
    orderReference: string;
    conferenceId: string;
    conferenceSlug: string;
    paymentId: string;
  };
  /** The same key returns the same intent instead of a second one (D4.2). */
  idempotencyKey: string;
}

/** Where a refund stands at the provider, in Lanyard's refund statuses. */
export type GatewayRefundStatus = 'pending' | 'succeeded' | 'failed';

export interface GatewayRefund {
  id: string;
  /** The card payment it gives money back from; null when the provider did not say. */
  intentId: string | null;
  amount: number;
  status: GatewayRefundStatus;
  failureReason: string;
  /** Lanyard's refund record it was made for, as Lanyard tagged it; null for one made elsewhere. */
  lanyardRefundId: string | null;
}

export interface NewGatewayRefund {
  intentId: string;
  amount: number;
  tags: { refundId: string; orderId: string };
  idempotencyKey: string;
}

export interface NewCustomer {
  email: string;
  name: string;
  tags: { userId: string; conferenceSlug: string };
  idempotencyKey: string;
}

/** One conference's online card account. */
export interface PaymentGateway {
  /** Which provider stands behind it, for logs and error details. */
  readonly provider: string;
  /** What the browser's card form needs. */
  readonly publishableKey: string;
  /** Lanyard's in-process stand-in (TEST MODE): no money moves. */
  readonly testMode: boolean;
  /** False when the account has no webhook secret, so nothing it sends can be verified. */
  readonly acceptsWebhooks: boolean;

  createIntent(intent: NewCardIntent): Promise<CardIntent>;
  retrieveIntent(intentId: string): Promise<CardIntent>;
  /**
   * Confirms an intent with a payment method the server already holds (a saved card, a reader's
   * card, a test card). The storefront's buyers confirm in the browser instead.
   */
  confirmIntent(
    intentId: string,
    paymentMethod: string,
    idempotencyKey: string,
  ): Promise<CardIntent>;
  cancelIntent(intentId: string, idempotencyKey: string): Promise<void>;

  createRefund(refund: NewGatewayRefund): Promise<GatewayRefund>;
  retrieveRefund(refundId: string): Promise<GatewayRefund>;
  /** Every refund of one charge, newest first. */
  listChargeRefunds(chargeId: string): Promise<GatewayRefund[]>;

  createCustomer(customer: NewCustomer): Promise<{ id: string }>;

  /** Checks a webhook delivery's signature and shape; nothing is trusted before this. */
  verifyWebhook(rawBody: string, signature: string | undefined): WebhookCheck;
  /** The account's events since a moment, oldest first (reconciliation, D4.7). */
  listEvents(since: Date): Promise<ReceivedEvent[]>;
}

/** Each conference's gateway (its own account, or TEST MODE's stand-in). */
export interface PaymentGateways {
  /** Null when card payments are not set up for the conference. */
  forConference(conference: Conference): Promise<PaymentGateway | null>;
  /** A stored event's payload in Lanyard's terms; needs no account (replay, reprocessing). */
  readEvent(payload: unknown): PaymentEvent;
}
