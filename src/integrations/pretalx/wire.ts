import { z } from 'zod';

/**
 * Pretalx's JSON, as documented at docs.pretalx.org/api (doc/api/resources/speakers.rst,
 * submissions.rst, fundamentals.rst in pretalx/pretalx). Unknown fields are ignored: Pretalx adds
 * fields without a new API version. Two versions are in the wild: the legacy API embeds speaker
 * objects in a submission, v1 (pretalx 2025.1) lists speaker codes; both are accepted.
 */

/** A plain string, or a multi-language object such as `{"en": "Talk"}` when `?lang` is not sent. */
const text = z
  .union([z.string(), z.record(z.string(), z.string().nullable())])
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value.trim();
    const first = Object.values(value).find((v) => typeof v === 'string' && v.trim() !== '');
    return first?.trim() ?? '';
  });

const code = z.string().trim().min(1);

/** A related object by code (v1 default) or expanded/embedded (legacy, `?expand=`). */
const codeRef = z.union([code, z.object({ code })]).transform((ref) => {
  return typeof ref === 'string' ? ref : ref.code;
});

export const wireSpeaker = z
  .object({
    code,
    name: text,
    // Only visible to organiser tokens; a public token sees no email and links nobody.
    email: z.string().nullish(),
    biography: text,
    submissions: z.array(codeRef).nullish(),
  })
  .transform((s) => ({
    code: s.code,
    name: s.name,
    email: (s.email ?? '').trim(),
    biography: s.biography,
    submissionCodes: s.submissions ?? [],
  }));

export const wireSubmission = z
  .object({
    code,
    title: text,
    state: z.string().trim().min(1),
    speakers: z.array(codeRef).nullish(),
  })
  .transform((s) => ({
    code: s.code,
    title: s.title,
    state: s.state.toLowerCase(),
    speakerCodes: s.speakers ?? [],
  }));

/** Every list endpoint: `{count, next, previous, results}`; `next` is an absolute URL or null. */
export const wirePage = z.object({
  count: z.number().int().nonnegative().optional(),
  next: z.string().nullish(),
  results: z.array(z.unknown()),
});

export type PretalxSpeaker = z.output<typeof wireSpeaker>;
export type PretalxSubmission = z.output<typeof wireSubmission>;
