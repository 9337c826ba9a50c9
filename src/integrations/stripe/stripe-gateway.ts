import type Stripe from 'stripe';
import type { PaymentGateway } from '../payments/index.ts';
import { stripeCall } from './stripe-errors.ts';
import { receivedEventOf, verifyStripeWebhook } from './stripe-events.ts';
import { cardIntentOf, gatewayRefundOf } from './stripe-objects.ts';

/** Far more refunds than one charge ever gets; the list stops there rather than run away. */
const MOST_REFUNDS_PER_CHARGE = 1_000;
/** Reconciliation looks at days, not years; the list stops there rather than run away. */
const MOST_EVENTS_LISTED = 10_000;

export interface StripeAccountKeys {
  publishableKey: string;
  webhookSecret: string;
  /** True when the account is Lanyard's in-process stand-in (TEST MODE). */
  testMode: boolean;
}

/** Lanyard's `PaymentGateway` on the official SDK: the only code that calls Stripe. */
export function stripeGateway(client: Stripe, keys: StripeAccountKeys): PaymentGateway {
  return {
    provider: 'stripe',
    publishableKey: keys.publishableKey,
    testMode: keys.testMode,
    acceptsWebhooks: keys.webhookSecret !== '',

    async createIntent(intent) {
      const created = await stripeCall(() =>
        client.paymentIntents.create(
          {
            amount: intent.amount,
            currency: intent.currency.toLowerCase(),
            customer: intent.customerId,
            automatic_payment_methods: { enabled: true },
            description: intent.description,
            metadata: {
              order_id: intent.tags.orderId,
              order_reference: intent.tags.orderReference,
              conference_id: intent.tags.conferenceId,
              conference_slug: intent.tags.conferenceSlug,
              payment_id: intent.tags.paymentId,
            },
          },
          { idempotencyKey: intent.idempotencyKey },
        ),
      );
      return cardIntentOf(created);
    },

    async retrieveIntent(intentId) {
      return cardIntentOf(await stripeCall(() => client.paymentIntents.retrieve(intentId)));
    },

    async confirmIntent(intentId, paymentMethod, idempotencyKey) {
      const confirmed = await stripeCall(() =>
        client.paymentIntents.confirm(
          intentId,
          { payment_method: paymentMethod },
          { idempotencyKey },
        ),
      );
      return cardIntentOf(confirmed);
    },

    async cancelIntent(intentId, idempotencyKey) {
      await stripeCall(() => client.paymentIntents.cancel(intentId, {}, { idempotencyKey }));
    },

    async createRefund(refund) {
      const created = await stripeCall(() =>
        client.refunds.create(
          {
            payment_intent: refund.intentId,
            amount: refund.amount,
            metadata: { lanyard_refund_id: refund.tags.refundId, order_id: refund.tags.orderId },
          },
          { idempotencyKey: refund.idempotencyKey },
        ),
      );
      return gatewayRefundOf(created);
    },

    async retrieveRefund(refundId) {
      return gatewayRefundOf(await stripeCall(() => client.refunds.retrieve(refundId)));
    },

    /**
     * Since API version 2022-11-15 neither a Charge nor its `charge.refunded` event carries this
     * list (D4.11), so whoever needs the refunds behind a charge's running total asks here.
     */
    async listChargeRefunds(chargeId) {
      const refunds = await stripeCall(() =>
        client.refunds
          .list({ charge: chargeId, limit: 100 })
          .autoPagingToArray({ limit: MOST_REFUNDS_PER_CHARGE }),
      );
      return refunds.map(gatewayRefundOf);
    },

    async createCustomer(customer) {
      const created = await stripeCall(() =>
        client.customers.create(
          {
            email: customer.email,
            name: customer.name,
            metadata: {
              user_id: customer.tags.userId,
              conference_slug: customer.tags.conferenceSlug,
            },
          },
          { idempotencyKey: customer.idempotencyKey },
        ),
      );
      return { id: created.id };
    },

    verifyWebhook(rawBody, signature) {
      return verifyStripeWebhook(client, keys.webhookSecret, rawBody, signature);
    },

    async listEvents(since) {
      const events = await stripeCall(() =>
        client.events
          .list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 })
          .autoPagingToArray({ limit: MOST_EVENTS_LISTED }),
      );
      // Stripe lists newest first; they are handled as they happened.
      return events.reverse().map(receivedEventOf);
    },
  };
}
