import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../src/db/client.ts';
import { OPERATOR } from '../../../src/services/access/index.ts';
import {
  conferences,
  speakers,
  talks,
  talkSpeakers,
  type Conference,
} from '../../../src/db/schema/index.ts';
import {
  pretalxClientFor,
  setPretalxCredentials,
  syncPretalxSpeakers,
} from '../../../src/services/speakers/index.ts';
import { makeConference } from '../../factories/index.ts';
import { TEST_SECRET_BOX } from '../../support/app.ts';
import type { DbContext } from '../../support/db.ts';
import type { FakeEvent } from './types.ts';

/** Helpers the Pretalx tests share: a connected conference, a sync, and what got mirrored. */
export function pretalxHarness(ctx: DbContext, defaultBaseUrl: () => string) {
  async function reload(conference: Conference): Promise<Conference> {
    const [row] = await ctx.db.select().from(conferences).where(eq(conferences.id, conference.id));
    if (!row) throw new Error('conference vanished');
    return row;
  }
  /** Stores event and token the way an organiser would (encrypted with the test key). */
  async function connect(conference: Conference, eventSlug: string, token: string) {
    await setPretalxCredentials(
      ctx.db,
      TEST_SECRET_BOX,
      conference.id,
      { eventSlug, token },
      new Date(),
      OPERATOR,
    );
    return reload(conference);
  }
  return {
    reload,
    connect,
    async connectedConference(eventSlug: string, token: string): Promise<Conference> {
      return connect(await makeConference(ctx.db), eventSlug, token);
    },
    async sync(conference: Conference, baseUrl = defaultBaseUrl()) {
      const current = await reload(conference);
      const client = pretalxClientFor(current, TEST_SECRET_BOX, baseUrl);
      return syncPretalxSpeakers(ctx.db, client, current, new Date(), OPERATOR);
    },
  };
}

/** What the three mirror tables hold for one conference, by Pretalx code. */
export async function mirrorOf(db: Database, conferenceId: string) {
  const speakerRows = await db
    .select()
    .from(speakers)
    .where(eq(speakers.conferenceId, conferenceId))
    .orderBy(asc(speakers.pretalxCode));
  const talkRows = await db
    .select()
    .from(talks)
    .where(eq(talks.conferenceId, conferenceId))
    .orderBy(asc(talks.pretalxCode));
  const links = await db
    .select({ talk: talks.pretalxCode, speaker: speakers.pretalxCode })
    .from(talkSpeakers)
    .innerJoin(talks, eq(talks.id, talkSpeakers.talkId))
    .innerJoin(speakers, eq(speakers.id, talkSpeakers.speakerId))
    .where(eq(talkSpeakers.conferenceId, conferenceId))
    .orderBy(asc(talks.pretalxCode), asc(speakers.pretalxCode));
  return {
    speakers: speakerRows,
    talks: talkRows.map((t) => ({ code: t.pretalxCode, title: t.title, state: t.state })),
    links: links.map((l) => `${l.talk}:${l.speaker}`),
  };
}

/**
 * Seven people: six on the programme (T2 and T5 have two speakers each), one (Gus) only on a
 * rejected proposal, and a proposal still in review. Ada's and Flo's emails match the two given
 * accounts, in other letter case (and, for Flo, with stray spaces).
 */
export function sampleProgram(
  token: string,
  ada: { email: string },
  flo: { email: string },
): FakeEvent {
  return {
    token,
    speakers: [
      { code: 'AAAAAA', name: 'Ada', email: ada.email.toUpperCase(), biography: 'Engines.' },
      { code: 'BBBBBB', name: 'Bea', email: 'bea@example.net' },
      { code: 'CCCCCC', name: 'Cy', email: 'cy@example.net' },
      { code: 'DDDDDD', name: 'Di', email: 'di@example.net' },
      { code: 'EEEEEE', name: 'Ed', email: '' },
      { code: 'FFFFFF', name: 'Flo', email: ` ${flo.email.replace('buyer', 'Buyer')} ` },
      { code: 'GGGGGG', name: 'Gus', email: 'gus@example.net' },
    ],
    submissions: [
      { code: 'T1', title: 'Analytical engines', state: 'confirmed', speakers: ['AAAAAA'] },
      { code: 'T2', title: 'Pairing', state: 'accepted', speakers: ['BBBBBB', 'CCCCCC'] },
      { code: 'T3', title: 'Solo', state: 'confirmed', speakers: ['DDDDDD'] },
      { code: 'T4', title: 'Quiet', state: 'confirmed', speakers: ['EEEEEE'] },
      { code: 'T5', title: 'Compilers', state: 'confirmed', speakers: ['FFFFFF', 'AAAAAA'] },
      { code: 'T6', title: 'Rejected', state: 'rejected', speakers: ['GGGGGG'] },
      { code: 'T7', title: 'In review', state: 'submitted', speakers: ['BBBBBB'] },
    ],
  };
}
