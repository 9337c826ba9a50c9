import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { attendees, type Attendee, type Order } from '../../db/schema/index.ts';
import { newAccessCode } from '../../domain/codes.ts';

const MAX_CODE_ATTEMPTS = 10;

function isAccessCodeCollision(error: unknown): boolean {
  const cause =
    (error as { cause?: { code?: string; constraint?: string } }).cause ??
    (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && (cause.constraint ?? '').includes('access_code');
}

/**
 * ATT-3: one attendee per (user, conference), pointed at the newest paid order. A fresh access
 * code that collides is retried inside a savepoint, so the surrounding transaction survives (W-4).
 */
export async function ensureAttendee(tx: Database, order: Order, now: Date): Promise<Attendee> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tx.transaction(async (savepoint) => {
        const [row] = await savepoint
          .insert(attendees)
          .values({
            userId: order.userId,
            conferenceId: order.conferenceId,
            orderId: order.id,
            accessCode: newAccessCode(),
            completedRegistration: true,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [attendees.userId, attendees.conferenceId],
            set: {
              orderId: order.id,
              completedRegistration: true,
              isActive: true,
              updatedAt: sql`excluded.updated_at`,
            },
          })
          .returning();
        if (!row) throw new Error('attendee upsert returned nothing');
        return row;
      });
    } catch (error) {
      if (attempt >= MAX_CODE_ATTEMPTS || !isAccessCodeCollision(error)) throw error;
    }
  }
}
