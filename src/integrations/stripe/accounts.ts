import type { SecretBox } from '../../config/secret-box.ts';
import type { Conference } from '../../db/schema/index.ts';
import { createStripeClient, type StripeClient, type StripeEndpoint } from './client.ts';

/** One conference's Stripe account, ready to use (CFG-2: each conference has its own). */
export interface StripeAccount {
  client: StripeClient;
  publishableKey: string;
  webhookSecret: string;
  /** True when the account is Lanyard's in-process stand-in (TEST MODE). */
  testMode: boolean;
}

export interface StripeCredentials {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/** Resolves a conference's account; null means card payments are not set up for it. */
export interface StripeAccounts {
  forConference(conference: Conference): Promise<StripeAccount | null>;
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

/** Accounts from the conferences' stored keys, optionally pointed at a stand-in endpoint. */
export function configuredStripeAccounts(
  box: SecretBox,
  endpoint: StripeEndpoint | null,
): StripeAccounts {
  // SDK clients are cheap but hold an agent; keep one per secret key.
  const clients = new Map<string, StripeClient>();
  return {
    forConference(conference) {
      const credentials = credentialsOf(conference, box);
      if (!credentials) return Promise.resolve(null);
      let client = clients.get(credentials.secretKey);
      if (!client) {
        client = createStripeClient(credentials.secretKey, endpoint);
        clients.set(credentials.secretKey, client);
      }
      return Promise.resolve({
        client,
        publishableKey: credentials.publishableKey,
        webhookSecret: credentials.webhookSecret,
        testMode: false,
      });
    },
  };
}
