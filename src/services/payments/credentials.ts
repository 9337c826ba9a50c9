import { eq } from 'drizzle-orm';
import type { SecretBox } from '../../config/secret-box.ts';
import type { Database } from '../../db/client.ts';
import { conferences } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { obfuscateKey } from '../../domain/obfuscate-key.ts';
import { recordAudit, type Actor } from '../access/index.ts';

export interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

/**
 * CFG-2 / D6.1: a conference's own Stripe keys, stored encrypted; only the last four come back.
 * The change and its audit entry (D6.4, the secret key's last four only) commit together.
 */
export async function setStripeCredentials(
  db: Database,
  box: SecretBox,
  conferenceId: string,
  credentials: StripeKeys,
  now: Date,
  by: { actor: Actor; ip?: string | undefined },
): Promise<{ secretKey: string; publishableKey: string; webhookSecret: string }> {
  const shown = {
    secretKey: obfuscateKey(credentials.secretKey),
    publishableKey: credentials.publishableKey,
    webhookSecret: obfuscateKey(credentials.webhookSecret),
  };
  await withTx(db, async (tx) => {
    const [conference] = await tx
      .update(conferences)
      .set({
        stripeSecretKeyEnc: box.encrypt(credentials.secretKey),
        stripePublishableKeyEnc: box.encrypt(credentials.publishableKey),
        stripeWebhookSecretEnc: box.encrypt(credentials.webhookSecret),
        updatedAt: now,
      })
      .where(eq(conferences.id, conferenceId))
      .returning({ slug: conferences.slug });
    if (!conference) return;
    await recordAudit(tx, {
      conferenceId,
      actor: by.actor,
      action: 'stripe.credentials.set',
      entityType: 'conference',
      entityId: conference.slug,
      details: { secretKey: shown.secretKey },
      ip: by.ip,
      now,
    });
  });
  return shown;
}
