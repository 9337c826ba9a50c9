import { OPERATOR } from '../services/access/index.ts';
import { getConferenceBySlugOrThrow } from '../services/conferences/index.ts';
import {
  pretalxClientFor,
  setPretalxCredentials,
  syncPretalxSpeakers,
  type PretalxSyncReport,
} from '../services/speakers/index.ts';
import { openRuntime } from './runtime.ts';

/** `lanyard pretalx sync`: mirror the conference's Pretalx speakers and talks, then print counts. */
export async function pretalxSyncCommand(options: { conference: string }): Promise<void> {
  const runtime = await openRuntime();
  try {
    const db = runtime.database.db;
    const conference = await getConferenceBySlugOrThrow(db, options.conference);
    const client = pretalxClientFor(conference, runtime.secretBox, runtime.config.PRETALX_URL);
    const report = await syncPretalxSpeakers(db, client, conference, new Date(), OPERATOR);
    console.log(describeSync(conference.slug, conference.pretalxEventSlug, report));
  } finally {
    await runtime.close();
  }
}

/** `lanyard pretalx connect`: store the event slug and the (encrypted) organiser token. */
export async function pretalxConnectCommand(options: {
  conference: string;
  event: string;
  token?: string;
}): Promise<void> {
  const runtime = await openRuntime();
  try {
    const db = runtime.database.db;
    const conference = await getConferenceBySlugOrThrow(db, options.conference);
    const stored = await setPretalxCredentials(
      db,
      runtime.secretBox,
      conference.id,
      { eventSlug: options.event, token: options.token ?? '' },
      new Date(),
      OPERATOR,
    );
    console.log(
      `${conference.slug} now reads Pretalx event "${stored.eventSlug}" with token ${stored.token}.`,
    );
  } finally {
    await runtime.close();
  }
}

export function describeSync(slug: string, event: string, report: PretalxSyncReport): string {
  return (
    `Pretalx event "${event}" → ${slug}: ${report.speakers} speakers (${report.linked} linked to ` +
    `accounts), ${report.talks} talks; removed ${report.removedSpeakers} speakers and ` +
    `${report.removedTalks} talks.`
  );
}
