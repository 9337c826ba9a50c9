import { grantRole } from '../services/access/index.ts';
import { getConferenceBySlugOrThrow } from '../services/conferences/index.ts';
import { openRuntime } from './runtime.ts';

/** `lanyard grant EMAIL CONFERENCE ROLE`: the first organiser of a conference, or any later one. */
export async function grantCommand(
  email: string,
  conferenceSlug: string,
  role: string,
): Promise<void> {
  const runtime = await openRuntime();
  try {
    const db = runtime.database.db;
    const conference = await getConferenceBySlugOrThrow(db, conferenceSlug);
    const granted = await grantRole(db, {
      conference,
      email,
      roleKey: role,
      // The operator owns the machine: above every role (D6.5), but audited all the same (D6.4).
      actor: { kind: 'operator' },
      now: new Date(),
    });
    console.log(
      granted.created
        ? `${granted.email} is now ${granted.role.name} (${granted.role.key}) of ${conference.slug}.`
        : `${granted.email} already was ${granted.role.name} of ${conference.slug}.`,
    );
  } finally {
    await runtime.close();
  }
}
