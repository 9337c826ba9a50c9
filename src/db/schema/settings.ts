import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Install-wide facts, in one row (the key can only be true). Not owned by a conference.
export const instanceSettings = pgTable(
  'instance_settings',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    // D6.1: which LANYARD_SECRET_KEY the *_enc columns are encrypted with; an HMAC of the key,
    // never the key. A process with another key refuses to start instead of failing to decrypt.
    secretKeyFingerprint: text('secret_key_fingerprint').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('instance_settings_one_row', sql`${t.singleton}`)],
);
