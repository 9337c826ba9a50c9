import { index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { conferenceId, id, notBlank, timestamps } from './columns.ts';

// Mirrors of the Pretalx speakers and talks, used by the speaker discount condition (COND-5).

export const speakers = pgTable(
  'speakers',
  {
    id: id(),
    conferenceId: conferenceId(),
    pretalxCode: text('pretalx_code').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    biography: text('biography').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    unique('speakers_conference_pretalx_code_unique').on(t.conferenceId, t.pretalxCode),
    notBlank('speakers_pretalx_code_check', t.pretalxCode),
    index('speakers_user_id_idx').on(t.userId),
  ],
);

export const talks = pgTable(
  'talks',
  {
    id: id(),
    conferenceId: conferenceId(),
    pretalxCode: text('pretalx_code').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    unique('talks_conference_pretalx_code_unique').on(t.conferenceId, t.pretalxCode),
    notBlank('talks_pretalx_code_check', t.pretalxCode),
  ],
);

export const talkSpeakers = pgTable(
  'talk_speakers',
  {
    talkId: uuid('talk_id')
      .notNull()
      .references(() => talks.id, { onDelete: 'cascade' }),
    speakerId: uuid('speaker_id')
      .notNull()
      .references(() => speakers.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
  },
  (t) => [
    primaryKey({ name: 'talk_speakers_pk', columns: [t.talkId, t.speakerId] }),
    index('talk_speakers_speaker_id_idx').on(t.speakerId),
  ],
);

export type Speaker = typeof speakers.$inferSelect;
export type NewSpeaker = typeof speakers.$inferInsert;
export type Talk = typeof talks.$inferSelect;
export type NewTalk = typeof talks.$inferInsert;
export type TalkSpeaker = typeof talkSpeakers.$inferSelect;
export type NewTalkSpeaker = typeof talkSpeakers.$inferInsert;
