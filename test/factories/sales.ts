import type { Database } from '../../src/db/client.ts';
import {
  credits,
  type Credit,
  discountConditions,
  discountConditionTicketTypes,
  vouchers,
  voucherTicketTypes,
  type Conference,
  type DiscountCondition,
  type NewDiscountCondition,
  type NewVoucher,
  type TicketType,
  type Voucher,
} from '../../src/db/schema/index.ts';
import { makeTicketType, unique } from './index.ts';

export async function makeVoucher(
  db: Database,
  conference: Conference,
  overrides: Partial<NewVoucher> & { ticketTypes?: TicketType[] } = {},
): Promise<Voucher> {
  const { ticketTypes = [], ...values } = overrides;
  const [row] = await db
    .insert(vouchers)
    .values({
      conferenceId: conference.id,
      code: unique('V').toUpperCase(),
      kind: 'comp',
      maxUses: 10,
      ...values,
    })
    .returning();
  if (!row) throw new Error('voucher not created');
  for (const ticketType of ticketTypes) {
    await db
      .insert(voucherTicketTypes)
      .values({ voucherId: row.id, ticketTypeId: ticketType.id, conferenceId: conference.id });
  }
  return row;
}

export async function makeCondition(
  db: Database,
  conference: Conference,
  overrides: Partial<NewDiscountCondition> & { ticketTypes?: TicketType[] } = {},
): Promise<DiscountCondition> {
  const { ticketTypes = [], ...values } = overrides;
  const [row] = await db
    .insert(discountConditions)
    .values({
      conferenceId: conference.id,
      kind: 'time_or_stock',
      name: unique('Early bird'),
      discountType: 'percentage',
      percentOffBp: 2000,
      ...values,
    })
    .returning();
  if (!row) throw new Error('condition not created');
  for (const ticketType of ticketTypes) {
    await db
      .insert(discountConditionTicketTypes)
      .values({ conditionId: row.id, ticketTypeId: ticketType.id, conferenceId: conference.id });
  }
  return row;
}

export async function makeCredit(
  db: Database,
  conference: Conference,
  user: { id: string },
  amount: number,
  expiresAt: Date | null = null,
): Promise<Credit> {
  const [row] = await db
    .insert(credits)
    .values({
      conferenceId: conference.id,
      userId: user.id,
      amount,
      currency: conference.currency,
      expiresAt,
    })
    .returning();
  if (!row) throw new Error('credit not created');
  return row;
}

/** D4.5 fixture: a hidden 300.00 "Speaker" ticket that the comp voucher SPEAKER unlocks and makes free. */
export async function makeSpeakerCompTicket(
  db: Database,
  conference: Conference,
): Promise<TicketType> {
  const speaker = await makeTicketType(db, conference, {
    name: 'Speaker',
    requiresVoucher: true,
    price: 30_000,
  });
  await makeVoucher(db, conference, {
    code: 'SPEAKER',
    kind: 'comp',
    unlocksHiddenTickets: true,
    ticketTypes: [speaker],
  });
  return speaker;
}
