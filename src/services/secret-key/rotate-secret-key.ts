import type { SecretBox } from '../../config/secret-box.ts';
import type { Database } from '../../db/client.ts';
import { reencryptSecrets, type RotationReport } from '../../db/secret-key.ts';
import { withTx } from '../../db/transactions.ts';
import { recordAudit, type Actor } from '../access/index.ts';

export type { RotationReport } from '../../db/secret-key.ts';

/**
 * `lanyard rotate-key` (D6.1): every stored secret re-encrypted from `from` to `to` in one
 * transaction, audited in it (D6.4). The key belongs to the whole instance, so the entry has no
 * conference; it names both fingerprints (never a key) and how many values moved.
 */
export function rotateSecretKey(
  db: Database,
  from: SecretBox,
  to: SecretBox,
  now: Date,
  actor: Actor,
): Promise<RotationReport> {
  return withTx(db, async (tx) => {
    const report = await reencryptSecrets(tx, from, to, now);
    await recordAudit(tx, {
      conferenceId: null,
      actor,
      action: 'secret_key.rotate',
      entityType: 'instance',
      entityId: to.fingerprint,
      details: { from: from.fingerprint, to: to.fingerprint, reencrypted: report.reencrypted },
      now,
    });
    return report;
  });
}
