import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';
import {
  addonRequiredTicketTypes,
  addons,
  conferences,
  orderLines,
  orders,
  ticketTypes,
  type Addon,
  type Conference,
  type NewAddon,
  type NewConference,
  type NewTicketType,
  type Order,
  type TicketType,
} from '../../src/db/schema/index.ts';
import { signUp, type PublicUser } from '../../src/services/accounts/index.ts';

/** Short unique suffix so every test builds its own, non-colliding rows (STYLE §10). */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function makeConference(
  db: Database,
  overrides: Partial<NewConference> = {},
): Promise<Conference> {
  const [row] = await db
    .insert(conferences)
    .values({
      slug: unique('conf'),
      name: 'Test Conference',
      startDate: '2027-05-12',
      endDate: '2027-05-20',
      timezone: 'America/New_York',
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('conference not created');
  return row;
}

export async function makeTicketType(
  db: Database,
  conference: Conference,
  overrides: Partial<NewTicketType> = {},
): Promise<TicketType> {
  const [row] = await db
    .insert(ticketTypes)
    .values({
      conferenceId: conference.id,
      name: 'Individual',
      slug: unique('tt'),
      price: 40_000,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('ticket type not created');
  return row;
}

export async function makeAddon(
  db: Database,
  conference: Conference,
  overrides: Partial<NewAddon> & { requires?: TicketType[] } = {},
): Promise<Addon> {
  const { requires = [], ...values } = overrides;
  const [row] = await db
    .insert(addons)
    .values({
      conferenceId: conference.id,
      name: 'T-shirt',
      slug: unique('addon'),
      price: 2_000,
      ...values,
    })
    .returning();
  if (!row) throw new Error('add-on not created');
  for (const ticketType of requires) {
    await db
      .insert(addonRequiredTicketTypes)
      .values({ addonId: row.id, ticketTypeId: ticketType.id, conferenceId: conference.id });
  }
  return row;
}

export async function makeUser(
  db: Database,
  overrides: { email?: string; password?: string } = {},
): Promise<PublicUser> {
  return signUp(db, {
    email: overrides.email ?? `${unique('buyer')}@example.org`,
    password: overrides.password ?? 'correct horse battery',
  });
}

export interface RawOrderInput {
  conference: Conference;
  user: { id: string };
  status: Order['status'];
  holdExpiresAt?: Date | null;
  lines: Array<{ ticketType?: TicketType; addon?: Addon; quantity: number }>;
}

/**
 * Inserts an order and its lines directly, for tests that need sales to exist without going
 * through checkout (e.g. availability arithmetic). Totals are consistent; no discounts.
 */
export async function makeRawOrder(db: Database, input: RawOrderInput): Promise<Order> {
  const lineValues = input.lines.map((line, index) => {
    const product = line.ticketType ?? line.addon;
    if (!product) throw new Error('a line needs a ticket type or an add-on');
    return { product, line, index, total: product.price * line.quantity };
  });
  const subtotal = lineValues.reduce((sum, l) => sum + l.total, 0);
  const [order] = await db
    .insert(orders)
    .values({
      conferenceId: input.conference.id,
      userId: input.user.id,
      status: input.status,
      reference: `ORD-${randomBytes(4).toString('hex').toUpperCase()}`,
      currency: input.conference.currency,
      subtotal,
      total: subtotal,
      holdExpiresAt: input.status === 'pending' ? (input.holdExpiresAt ?? null) : null,
    })
    .returning();
  if (!order) throw new Error('order not created');
  await db.insert(orderLines).values(
    lineValues.map(({ product, line, index, total }) => ({
      orderId: order.id,
      conferenceId: input.conference.id,
      productKind: line.ticketType ? ('ticket' as const) : ('addon' as const),
      ticketTypeId: line.ticketType?.id ?? null,
      addonId: line.addon?.id ?? null,
      description: product.name,
      quantity: line.quantity,
      unitPrice: product.price,
      lineTotal: total,
      sortOrder: index,
    })),
  );
  return order;
}
