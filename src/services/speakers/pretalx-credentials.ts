import { eq } from 'drizzle-orm';
import type { SecretBox } from '../../config/secret-box.ts';
import type { Database } from '../../db/client.ts';
import { conferences, type Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { obfuscateKey } from '../../domain/obfuscate-key.ts';
import { createPretalxClient, type PretalxClient } from '../../integrations/pretalx/index.ts';
import { recordAudit, type Actor } from '../access/index.ts';
import { commonErrors } from '../common/errors.ts';
import { speakerErrors } from './errors.ts';

export interface PretalxCredentials {
  /** The event's slug in Pretalx URLs, e.g. `pycon-2027` in `/pycon-2027/talk/`. */
  eventSlug: string;
  /** An organiser API token from Pretalx's `/orga/me` page. */
  token: string;
}

const EVENT_SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const TOKEN = /^[!-~]{8,200}$/;

/**
 * D6.1: the token is stored encrypted; only its last four characters come back. D6.4: who set
 * them is audited in the same transaction (the token itself never reaches the log).
 */
export async function setPretalxCredentials(
  db: Database,
  box: SecretBox,
  conferenceId: string,
  credentials: PretalxCredentials,
  now: Date,
  actor: Actor,
): Promise<{ eventSlug: string; token: string }> {
  const eventSlug = credentials.eventSlug.trim();
  const token = credentials.token.trim();
  const fields: Record<string, string> = {};
  if (!EVENT_SLUG.test(eventSlug))
    fields['eventSlug'] = 'must be the event slug from its Pretalx address, e.g. "pycon-2027"';
  if (!TOKEN.test(token)) fields['token'] = 'must be a Pretalx API token (no spaces)';
  if (Object.keys(fields).length > 0) {
    const problems = Object.entries(fields).map(([field, problem]) => `${field} ${problem}`);
    throw commonErrors(
      'VALIDATION_FAILED',
      { fields },
      `Pretalx settings: ${problems.join('; ')}.`,
    );
  }
  await withTx(db, async (tx) => {
    const updated = await tx
      .update(conferences)
      .set({ pretalxEventSlug: eventSlug, pretalxTokenEnc: box.encrypt(token), updatedAt: now })
      .where(eq(conferences.id, conferenceId))
      .returning({ id: conferences.id });
    if (updated.length === 0) throw commonErrors('CONFERENCE_NOT_FOUND', { conferenceId });
    await recordAudit(tx, {
      conferenceId,
      actor,
      action: 'pretalx.credentials.set',
      entityType: 'conference',
      entityId: conferenceId,
      details: { eventSlug, token: obfuscateKey(token) },
      now,
    });
  });
  return { eventSlug, token: obfuscateKey(token) };
}

/** A client for the conference's Pretalx event, with its decrypted token. */
export function pretalxClientFor(
  conference: Conference,
  box: SecretBox,
  baseUrl: string,
  fetchImpl?: typeof fetch,
): PretalxClient {
  if (!conference.pretalxTokenEnc || !conference.pretalxEventSlug.trim())
    throw speakerErrors('PRETALX_NOT_CONFIGURED', { conference: conference.slug });
  return createPretalxClient({
    baseUrl,
    token: box.decrypt(conference.pretalxTokenEnc),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
