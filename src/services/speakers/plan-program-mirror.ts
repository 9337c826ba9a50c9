import type { PretalxProgram } from '../../integrations/pretalx/index.ts';

/**
 * Only the programme counts: the speaker condition (COND-5) is for people who present, and an
 * organiser token also lists everyone whose proposal was rejected, withdrawn or is still in review.
 */
export const PROGRAM_STATES: ReadonlySet<string> = new Set(['accepted', 'confirmed']);

export interface MirroredSpeaker {
  code: string;
  name: string;
  email: string;
  biography: string;
}

export interface MirroredTalk {
  code: string;
  title: string;
  state: string;
}

export interface ProgramMirror {
  speakers: MirroredSpeaker[];
  talks: MirroredTalk[];
  links: Array<{ talkCode: string; speakerCode: string }>;
}

/**
 * What the `speakers`, `talks` and `talk_speakers` tables should hold after a sync: talks in
 * `PROGRAM_STATES`, and the speakers on at least one of them. A speaker record therefore means
 * "presents at this conference", which is what `loadPricingInputs` reads as `isSpeaker`, and a
 * talk with two linked speakers is what it reads as co-presenting. Codes are deduplicated (last
 * wins), as a list that changes while it is paged can repeat an item.
 */
export function planProgramMirror(program: PretalxProgram): ProgramMirror {
  const talks = new Map<string, MirroredTalk & { speakerCodes: string[] }>();
  for (const s of program.submissions) if (PROGRAM_STATES.has(s.state)) talks.set(s.code, s);
  const known = new Map(program.speakers.map((s) => [s.code, s]));
  // Links come from both sides: a submission's `speakers` and a speaker's `submissions`.
  const links = new Map<string, { talkCode: string; speakerCode: string }>();
  const link = (talkCode: string, speakerCode: string) => {
    if (talks.has(talkCode) && known.has(speakerCode))
      links.set(`${talkCode}\n${speakerCode}`, { talkCode, speakerCode });
  };
  for (const talk of talks.values()) for (const code of talk.speakerCodes) link(talk.code, code);
  for (const speaker of known.values())
    for (const code of speaker.submissionCodes) link(code, speaker.code);
  const presenting = new Set([...links.values()].map((l) => l.speakerCode));
  return {
    speakers: [...known.values()]
      .filter((s) => presenting.has(s.code))
      .map(({ code, name, email, biography }) => ({ code, name, email, biography })),
    talks: [...talks.values()].map(({ code, title, state }) => ({ code, title, state })),
    links: [...links.values()],
  };
}
