import { createHash } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';

/**
 * What an `Idempotency-Key` first came with. A retry with the same key must carry the same
 * request; keys are sorted, so the order of JSON fields does not matter (D4.2, D4.6).
 */
export function requestFingerprint(request: Record<string, unknown>): string {
  return createHash('sha256')
    .update(stableStringify(request) ?? '')
    .digest('base64url');
}

/** True when a stored request may be answered again for this one (rows from before have none). */
export function isSameRequest(stored: string | null, fingerprint: string): boolean {
  return stored === null || stored === fingerprint;
}
