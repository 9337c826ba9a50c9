import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { speakers, talks, talkSpeakers, type Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import {
  isPretalxError,
  type PretalxClient,
  type PretalxFailure,
  type PretalxProgram,
} from '../../integrations/pretalx/index.ts';
import { recordAudit, type Actor } from '../access/index.ts';
import { speakerErrors } from './errors.ts';
import {
  planProgramMirror,
  type MirroredSpeaker,
  type MirroredTalk,
} from './plan-program-mirror.ts';

export interface PretalxSyncReport {
  /** Speakers on at least one accepted or confirmed talk, now mirrored. */
  speakers: number;
  talks: number;
  /** Mirrored speakers whose email matches a Lanyard account. */
  linked: number;
  removedSpeakers: number;
  removedTalks: number;
}

/** Rows per INSERT: far below the 65,535 bind parameters one statement may carry. */
const CHUNK = 500;

/**
 * Mirrors the conference's Pretalx programme into `speakers`, `talks` and `talk_speakers`, and
 * links speakers to accounts by email (COND-5 reads these). Pretalx is read first, outside the
 * transaction, so a refused token or an unreachable server changes nothing; the writes then
 * happen in one transaction, so buyers never price against half a programme. Speaker links decide
 * speaker discounts, so the sync is audited (D6.4) in that transaction, with its counts.
 */
export async function syncPretalxSpeakers(
  db: Database,
  client: PretalxClient,
  conference: Conference,
  now: Date,
  actor: Actor,
): Promise<PretalxSyncReport> {
  const event = conference.pretalxEventSlug.trim();
  if (!event) throw speakerErrors('PRETALX_NOT_CONFIGURED', { conference: conference.slug });
  const mirror = planProgramMirror(await fetchProgramOrThrow(client, event));
  return withTx(db, async (tx) => {
    // Two syncs of one conference upsert the same rows, perhaps in different orders (a
    // deadlock), and both replace the links; the second waits instead (bounded by lock_timeout,
    // which surfaces as BUSY).
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pretalx_sync:${conference.id}`}, 0))`,
    );
    const speakerIds = await upsertSpeakers(tx, conference.id, mirror.speakers, now);
    const talkIds = await upsertTalks(tx, conference.id, mirror.talks, now);
    const removedSpeakers = await deleteSpeakersNotIn(tx, conference.id, [...speakerIds.keys()]);
    const removedTalks = await deleteTalksNotIn(tx, conference.id, [...talkIds.keys()]);
    await tx.delete(talkSpeakers).where(eq(talkSpeakers.conferenceId, conference.id));
    const linkRows = mirror.links.flatMap(({ talkCode, speakerCode }) => {
      const talkId = talkIds.get(talkCode);
      const speakerId = speakerIds.get(speakerCode);
      return talkId && speakerId ? [{ talkId, speakerId, conferenceId: conference.id }] : [];
    });
    for (const chunk of chunked(linkRows)) await tx.insert(talkSpeakers).values(chunk);
    const linked = await linkSpeakersToUsers(tx, conference.id, now);
    const report = {
      speakers: speakerIds.size,
      talks: talkIds.size,
      linked,
      removedSpeakers,
      removedTalks,
    };
    await recordAudit(tx, {
      conferenceId: conference.id,
      actor,
      action: 'pretalx.sync',
      entityType: 'conference',
      entityId: conference.id,
      details: { event, ...report },
      now,
    });
    return report;
  });
}

const FAILURE_CODES = {
  token_refused: 'PRETALX_TOKEN_REFUSED',
  event_not_found: 'PRETALX_EVENT_NOT_FOUND',
  unreachable: 'PRETALX_UNREACHABLE',
  rate_limited: 'PRETALX_RATE_LIMITED',
  bad_response: 'PRETALX_BAD_RESPONSE',
} as const satisfies Record<PretalxFailure, string>;

async function fetchProgramOrThrow(client: PretalxClient, event: string): Promise<PretalxProgram> {
  try {
    return await client.fetchProgram(event);
  } catch (error) {
    if (!isPretalxError(error)) throw error;
    throw speakerErrors(
      FAILURE_CODES[error.failure],
      { event, httpStatus: error.httpStatus ?? null },
      error.message,
    );
  }
}

/** Upserts by (conference, Pretalx code) and returns every mirrored code's row id. */
async function upsertSpeakers(
  tx: Tx,
  conferenceId: string,
  rows: MirroredSpeaker[],
  now: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const chunk of chunked(rows)) {
    const written = await tx
      .insert(speakers)
      .values(
        chunk.map((s) => ({
          conferenceId,
          pretalxCode: s.code,
          name: s.name,
          email: s.email,
          biography: s.biography,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [speakers.conferenceId, speakers.pretalxCode],
        set: {
          name: sql`excluded.name`,
          email: sql`excluded.email`,
          biography: sql`excluded.biography`,
          updatedAt: now,
        },
      })
      .returning({ id: speakers.id, code: speakers.pretalxCode });
    for (const row of written) ids.set(row.code, row.id);
  }
  return ids;
}

async function upsertTalks(
  tx: Tx,
  conferenceId: string,
  rows: MirroredTalk[],
  now: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const chunk of chunked(rows)) {
    const written = await tx
      .insert(talks)
      .values(
        chunk.map((t) => ({
          conferenceId,
          pretalxCode: t.code,
          title: t.title,
          state: t.state,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [talks.conferenceId, talks.pretalxCode],
        set: { title: sql`excluded.title`, state: sql`excluded.state`, updatedAt: now },
      })
      .returning({ id: talks.id, code: talks.pretalxCode });
    for (const row of written) ids.set(row.code, row.id);
  }
  return ids;
}

/** Speakers no longer on the programme go; their links cascade and the discount stops. */
async function deleteSpeakersNotIn(tx: Tx, conferenceId: string, codes: string[]) {
  const gone = await tx
    .delete(speakers)
    .where(
      codes.length > 0
        ? and(eq(speakers.conferenceId, conferenceId), notInArray(speakers.pretalxCode, codes))
        : eq(speakers.conferenceId, conferenceId),
    )
    .returning({ id: speakers.id });
  return gone.length;
}

async function deleteTalksNotIn(tx: Tx, conferenceId: string, codes: string[]) {
  const gone = await tx
    .delete(talks)
    .where(
      codes.length > 0
        ? and(eq(talks.conferenceId, conferenceId), notInArray(talks.pretalxCode, codes))
        : eq(talks.conferenceId, conferenceId),
    )
    .returning({ id: talks.id });
  return gone.length;
}

/**
 * Points every speaker of the conference at the account with the same email, ignoring case (the
 * `users_email_lower_unique` index makes the match unique), or at nobody. Recomputed on every
 * sync, so an account created after the last sync is picked up and a changed email moves the link.
 */
async function linkSpeakersToUsers(tx: Tx, conferenceId: string, now: Date): Promise<number> {
  await tx.execute(sql`
    UPDATE speakers s SET user_id = m.user_id, updated_at = ${now.toISOString()}::timestamptz
    FROM (
      SELECT sp.id, u.id AS user_id FROM speakers sp
      LEFT JOIN users u ON sp.email <> '' AND lower(u.email) = lower(sp.email)
      WHERE sp.conference_id = ${conferenceId}
    ) m
    WHERE s.id = m.id AND s.user_id IS DISTINCT FROM m.user_id`);
  const [row] = await queryRows<{ linked: number }>(
    tx,
    sql`SELECT count(*)::int AS linked FROM speakers
        WHERE conference_id = ${conferenceId} AND user_id IS NOT NULL`,
  );
  return row?.linked ?? 0;
}

function chunked<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) chunks.push(rows.slice(i, i + CHUNK));
  return chunks;
}
