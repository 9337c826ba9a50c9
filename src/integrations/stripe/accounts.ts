import type { SecretBox } from '../../config/secret-box.ts';
import type { Conference } from '../../db/schema/index.ts';
import type { PaymentGateway, PaymentGateways } from '../payments/index.ts';
import { createStripeClient, type StripeClient, type StripeEndpoint } from './client.ts';
import { readStripeEvent } from './stripe-events.ts';
import { stripeGateway } from './stripe-gateway.ts';

export interface StripeCredentials {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/** The conference's own keys, decrypted from its `*_enc` columns (D6.1). */
export function credentialsOf(conference: Conference, box: SecretBox): StripeCredentials | null {
  const { stripeSecretKeyEnc, stripePublishableKeyEnc, stripeWebhookSecretEnc } = conference;
  if (!stripeSecretKeyEnc || !stripeWebhookSecretEnc) return null;
  return {
    secretKey: box.decrypt(stripeSecretKeyEnc),
    publishableKey: stripePublishableKeyEnc ? box.decrypt(stripePublishableKeyEnc) : '',
    webhookSecret: box.decrypt(stripeWebhookSecretEnc),
  };
}

/**
 * CFG-2: each conference's own Stripe account, from its stored keys, optionally pointed at a
 * stand-in endpoint. Null for a conference without keys.
 */
export function configuredStripeGateways(
  box: SecretBox,
  endpoint: StripeEndpoint | null,
): PaymentGateways {
  // SDK clients are cheap but hold an agent; keep one per secret key.
  const clients = new Map<string, StripeClient>();
  return {
    forConference(conference): Promise<PaymentGateway | null> {
      const credentials = credentialsOf(conference, box);
      if (!credentials) return Promise.resolve(null);
      let client = clients.get(credentials.secretKey);
      if (!client) {
        client = createStripeClient(credentials.secretKey, endpoint);
        clients.set(credentials.secretKey, client);
      }
      return Promise.resolve(
        stripeGateway(client, {
          publishableKey: credentials.publishableKey,
          webhookSecret: credentials.webhookSecret,
          testMode: false,
        }),
      );
    },
    readEvent: readStripeEvent,
  };
}
