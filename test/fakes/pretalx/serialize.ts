import type { FakeApiVersion, FakeEvent, FakeSpeaker, FakeSubmission } from './types.ts';

/**
 * The organiser view of a speaker: SpeakerOrgaSerializer in v1 (src/pretalx/api/serializers/
 * speaker.py), with the extra fields a client must ignore; `submissions` lists codes.
 */
export function speakerJson(speaker: FakeSpeaker, event: FakeEvent, version: FakeApiVersion) {
  const submissions = event.submissions
    .filter((s) => s.speakers.includes(speaker.code))
    .map((s) => s.code);
  const common = {
    code: speaker.code,
    name: speaker.name,
    biography: speaker.biography ?? null,
    submissions,
    email: speaker.email,
    answers: [],
    availabilities: [],
  };
  return version === 'v1'
    ? { ...common, avatar_url: null, timezone: 'UTC', locale: 'en', has_arrived: false }
    : { ...common, avatar: null };
}

/** v1 lists speaker codes in a submission; the legacy API embeds speaker objects. */
export function submissionJson(
  submission: FakeSubmission,
  event: FakeEvent,
  version: FakeApiVersion,
) {
  const common = {
    code: submission.code,
    title: submission.title,
    state: submission.state,
    abstract: '',
    description: '',
    duration: 30,
    slot_count: 1,
    content_locale: 'en',
    do_not_record: false,
    image: null,
    answers: [],
  };
  if (version === 'v1')
    return {
      ...common,
      speakers: submission.speakers,
      submission_type: 1,
      track: null,
      tags: [],
      resources: [],
      slots: [],
    };
  return {
    ...common,
    speakers: submission.speakers.map((code) => {
      const speaker = event.speakers.find((s) => s.code === code);
      return { code, name: speaker?.name ?? '', biography: speaker?.biography ?? '', avatar: null };
    }),
    submission_type: { en: 'Talk' },
    track: null,
    slot: null,
  };
}

/** Organisers see every submitter; a speaker on no submission is not listed. */
export function listedSpeakers(event: FakeEvent): FakeSpeaker[] {
  const onSomething = new Set(event.submissions.flatMap((s) => s.speakers));
  return event.speakers.filter((s) => onSomething.has(s.code));
}
