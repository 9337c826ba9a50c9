import { eq } from 'drizzle-orm';
import type { SecretBox } from '../../config/secret-box.ts';
import type { Database } from '../../db/client.ts';
import { conferences } from '../../db/schema/index.ts';
import { obfuscateKey } from '../../domain/obfuscate-key.ts';

export interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/** CFG-2 / D6.1: a conference's own Stripe keys, stored encrypted; only the last four come back. */
export async function setStripeCredentials(
  db: Database,
  box: SecretBox,
  conferenceId: string,
  credentials: StripeKeys,
  now: Date,
): Promise<{ secretKey: string; publishableKey: string; webhookSecret: string }> {
  await db
    .update(conferences)
    .set({
      stripeSecretKeyEnc: box.encrypt(credentials.secretKey),
      stripePublishableKeyEnc: box.encrypt(credentials.publishableKey),
      stripeWebhookSecretEnc: box.encrypt(credentials.webhookSecret),
      updatedAt: now,
    })
    .where(eq(conferences.id, conferenceId));
  return {
    secretKey: obfuscateKey(credentials.secretKey),
    publishableKey: credentials.publishableKey,
    webhookSecret: obfuscateKey(credentials.webhookSecret),
  };
}
