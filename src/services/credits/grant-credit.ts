import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { credits, users, type Conference, type Credit } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { defineErrors } from '../../domain/errors.ts';
import { recordAudit, type Actor } from '../access/index.ts';

export const creditErrors = defineErrors({
  CREDIT_USER_NOT_FOUND: { status: 404, message: 'No account uses that email address.' },
  CREDIT_EXPIRY_IN_PAST: { status: 422, message: 'The expiry date must be in the future.' },
});

/**
 * CRD: staff grant store credit to an account (goodwill, a speaker fee); it may expire (D4.8).
 * The grant and its audit entry commit together (D6.4).
 */
export async function grantCredit(
  db: Database,
  input: {
    conference: Conference;
    email: string;
    amount: number;
    note: string;
    expiresAt?: Date | undefined;
    actor: Actor;
    ip?: string | undefined;
    now: Date;
  },
): Promise<Credit> {
  if (input.expiresAt && input.expiresAt <= input.now) throw creditErrors('CREDIT_EXPIRY_IN_PAST');
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email.trim()})`);
  if (!user) throw creditErrors('CREDIT_USER_NOT_FOUND', { email: input.email });
  const { actor } = input;
  return withTx(db, async (tx) => {
    const [credit] = await tx
      .insert(credits)
      .values({
        userId: user.id,
        conferenceId: input.conference.id,
        amount: input.amount,
        currency: input.conference.currency,
        expiresAt: input.expiresAt ?? null,
        note: input.note,
        createdBy: actor.kind === 'user' ? actor.userId : null,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning();
    if (!credit) throw new Error('credit insert returned nothing');
    await recordAudit(tx, {
      conferenceId: input.conference.id,
      actor,
      action: 'credit.grant',
      entityType: 'credit',
      entityId: credit.id,
      details: { email: input.email, amount: credit.amount },
      ip: input.ip,
      now: input.now,
    });
    return credit;
  });
}
