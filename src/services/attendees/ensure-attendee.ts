import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { attendees, type Attendee, type Order } from '../../db/schema/index.ts';
import { newAccessCode } from '../../domain/codes.ts';

const MAX_CODE_ATTEMPTS = 10;

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
      if (
        attempt >= MAX_CODE_ATTEMPTS ||
        !isPgError(error, SQLSTATE.uniqueViolation, 'access_code')
      ) {
        throw error;
      }
    }
  }
}
