import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { stripeCustomers, users, type Conference } from '../../db/schema/index.ts';
import type { PaymentGateway } from '../../integrations/payments/index.ts';
import { callGateway } from './gateway-calls.ts';

/**
 * STR-10a: one Stripe customer per user and conference (each conference may be its own Stripe
 * account). The idempotency key makes a racing second create return the same customer, and the
 * unique index keeps one mapping row.
 */
export async function ensureGatewayCustomer(
  db: Database,
  gateway: PaymentGateway,
  conference: Conference,
  userId: string,
  /** A mapped customer the account does not know (its keys changed): replaced, not reused. */
  unknown?: string,
): Promise<string> {
  if (unknown)
    await db
      .delete(stripeCustomers)
      .where(
        and(
          eq(stripeCustomers.userId, userId),
          eq(stripeCustomers.conferenceId, conference.id),
          eq(stripeCustomers.stripeCustomerId, unknown),
        ),
      );
  const mapped = () =>
    db
      .select({ id: stripeCustomers.stripeCustomerId })
      .from(stripeCustomers)
      .where(
        and(eq(stripeCustomers.userId, userId), eq(stripeCustomers.conferenceId, conference.id)),
      );
  const [existing] = await mapped();
  if (existing) return existing.id;
  const [user] = await db
    .select({ email: users.email, first: users.firstName, last: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  const customer = await callGateway(() =>
    gateway.createCustomer({
      email: user?.email ?? '',
      name: user ? `${user.first} ${user.last}`.trim() : '',
      tags: { userId, conferenceSlug: conference.slug },
      idempotencyKey: `customer-${conference.id}-${userId}${unknown ? `-after-${unknown}` : ''}`,
    }),
  );
  await db
    .insert(stripeCustomers)
    .values({ userId, conferenceId: conference.id, stripeCustomerId: customer.id })
    .onConflictDoNothing();
  const [row] = await mapped();
  return row?.id ?? customer.id;
}
