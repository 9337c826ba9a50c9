import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  addons,
  attendeeQuestions,
  conferenceSections,
  conferences,
  discountConditions,
  groups,
  ticketTypes,
  vouchers,
  type Addon,
  type AttendeeQuestion,
  type Conference,
  type ConferenceSection,
  type DiscountCondition,
  type Group,
  type TicketType,
  type Voucher,
} from '../../db/schema/index.ts';
import type {
  AddonValues,
  ConferenceValues,
  DiscountValues,
  GroupValues,
  QuestionValues,
  SectionValues,
  TicketValues,
  VoucherValues,
} from './types.ts';

/**
 * How the bootstrap reads and writes one table. Timestamps come from the caller's `now` (one
 * clock read per use case, STYLE §5); an update is only issued when something changed, so a
 * repeated run leaves `updated_at` alone (BOOT-7 idempotence).
 */
export interface RowStore<Row extends { id: string }, V> {
  keyOf(row: Row): string;
  load(db: Database, conferenceId: string): Promise<Row[]>;
  insert(db: Database, conferenceId: string, values: V, now: Date): Promise<Row>;
  update(db: Database, id: string, patch: Partial<V>, now: Date): Promise<void>;
}

function first<T>(rows: T[]): T {
  const [row] = rows;
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return row;
}

export async function loadConference(db: Database, slug: string): Promise<Conference | null> {
  const [row] = await db.select().from(conferences).where(eq(conferences.slug, slug)).limit(1);
  return row ?? null;
}

export async function insertConference(
  db: Database,
  values: ConferenceValues,
  now: Date,
): Promise<Conference> {
  return first(
    await db
      .insert(conferences)
      .values({ ...values, createdAt: now, updatedAt: now })
      .returning(),
  );
}

export async function updateConference(
  db: Database,
  id: string,
  patch: Partial<ConferenceValues>,
  now: Date,
): Promise<Conference> {
  return first(
    await db
      .update(conferences)
      .set({ ...patch, updatedAt: now })
      .where(eq(conferences.id, id))
      .returning(),
  );
}

export const sectionStore: RowStore<ConferenceSection, SectionValues> = {
  keyOf: (row) => row.slug,
  load: (db, conferenceId) =>
    db.select().from(conferenceSections).where(eq(conferenceSections.conferenceId, conferenceId)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(conferenceSections)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(conferenceSections)
      .set({ ...patch, updatedAt: now })
      .where(eq(conferenceSections.id, id));
  },
};

export const ticketStore: RowStore<TicketType, TicketValues> = {
  keyOf: (row) => row.slug,
  load: (db, conferenceId) =>
    db.select().from(ticketTypes).where(eq(ticketTypes.conferenceId, conferenceId)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(ticketTypes)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(ticketTypes)
      .set({ ...patch, updatedAt: now })
      .where(eq(ticketTypes.id, id));
  },
};

export const addonStore: RowStore<Addon, AddonValues> = {
  keyOf: (row) => row.slug,
  load: (db, conferenceId) => db.select().from(addons).where(eq(addons.conferenceId, conferenceId)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(addons)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(addons)
      .set({ ...patch, updatedAt: now })
      .where(eq(addons.id, id));
  },
};

export const groupStore: RowStore<Group, GroupValues> = {
  keyOf: (row) => row.slug,
  load: (db, conferenceId) => db.select().from(groups).where(eq(groups.conferenceId, conferenceId)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(groups)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(groups)
      .set({ ...patch, updatedAt: now })
      .where(eq(groups.id, id));
  },
};

export const voucherStore: RowStore<Voucher, VoucherValues> = {
  keyOf: (row) => row.code,
  load: (db, conferenceId) =>
    db.select().from(vouchers).where(eq(vouchers.conferenceId, conferenceId)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(vouchers)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(vouchers)
      .set({ ...patch, updatedAt: now })
      .where(eq(vouchers.id, id));
  },
};

export const discountStore: RowStore<DiscountCondition, DiscountValues> = {
  keyOf: (row) => row.name,
  // Names are not unique in the table; the oldest row wins the match, as the planner reports.
  load: (db, conferenceId) =>
    db
      .select()
      .from(discountConditions)
      .where(eq(discountConditions.conferenceId, conferenceId))
      .orderBy(asc(discountConditions.createdAt), asc(discountConditions.id)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(discountConditions)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(discountConditions)
      .set({ ...patch, updatedAt: now })
      .where(eq(discountConditions.id, id));
  },
};

export const questionStore: RowStore<AttendeeQuestion, QuestionValues> = {
  keyOf: (row) => row.key,
  load: (db, conferenceId) =>
    db.select().from(attendeeQuestions).where(eq(attendeeQuestions.conferenceId, conferenceId)),
  insert: async (db, conferenceId, values, now) =>
    first(
      await db
        .insert(attendeeQuestions)
        .values({ ...values, conferenceId, createdAt: now, updatedAt: now })
        .returning(),
    ),
  update: async (db, id, patch, now) => {
    await db
      .update(attendeeQuestions)
      .set({ ...patch, updatedAt: now })
      .where(eq(attendeeQuestions.id, id));
  },
};
