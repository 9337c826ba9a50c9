import type { CardIntent, GatewayRefund } from './gateway.ts';

/**
 * A provider's webhook delivery as Lanyard stores it (D4.7): its id and type for the inbox row,
 * and the payload kept whole so it can be read again (replay) by `PaymentGateways.readEvent`.
 */
export interface ReceivedEvent {
  id: string;
  /** The provider's own event type, e.g. `payment_intent.succeeded`; stored, not dispatched on. */
  type: string;
  created: Date;
  livemode: boolean;
  apiVersion: string;
  payload: Record<string, unknown>;
}

export type WebhookCheck =
  | { ok: true; event: ReceivedEvent }
  /** The signature header is missing, malformed, stale or does not match. */
  | { ok: false; problem: 'signature' }
  /** Correctly signed, but not JSON or not an event Lanyard can store. */
  | { ok: false; problem: 'not_an_event'; details: Record<string, unknown> };

export interface ChargeRefunded {
  chargeId: string;
  intentId: string | null;
  /** The charge took the money (so the payment succeeded, whatever Lanyard recorded so far). */
  paid: boolean;
  /** Minor units captured, or the charge's amount when the provider reports none captured. */
  amount: number;
  currency: string;
}

export interface Dispute {
  id: string;
  intentId: string | null;
  chargeId: string | null;
  reason: string;
  amount: number;
  status: string;
}

/** What a payment provider told Lanyard, in Lanyard's terms; the handlers switch on `kind`. */
export type PaymentEvent =
  | { kind: 'payment_succeeded'; intent: CardIntent }
  | { kind: 'payment_failed'; intent: CardIntent }
  | { kind: 'payment_cancelled'; intent: CardIntent }
  /** A charge's refunded total changed; its refunds are listed separately (D4.11). */
  | { kind: 'charge_refunded'; charge: ChargeRefunded }
  | { kind: 'refund_updated'; refund: GatewayRefund }
  | { kind: 'dispute_opened'; dispute: Dispute }
  | { kind: 'dispute_closed'; dispute: Dispute }
  /** Any other type: stored and marked processed, nothing to do. */
  | { kind: 'ignored'; type: string };
