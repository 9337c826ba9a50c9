import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, refunds, type Conference, type TicketType } from '../../src/db/schema/index.ts';
import { findMoneyDrift } from '../../src/services/doctor/index.ts';
import { expireHolds } from '../../src/services/orders/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';
import { startFakeStripe, type RunningFakeStripe } from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { connectStripe, listen } from '../support/money.ts';

type Scarce = 'seat' | 'voucher' | 'discount';
type Ordering = 'payment before sweep' | 'sweep before payment';

const WHY: Record<Scarce, RegExp> = {
  seat: /items sold out; refunded automatically/,
  voucher: /voucher was used up; refunded automatically/,
  discount: /discount ran out; refunded automatically/,
};

/**
 * D2.6 (extended): a card payment arrives after the hold lapsed, and what the order took has
 * gone to someone else meanwhile. Whichever of the sweep and the payment comes first, the order
 * ends cancelled with its money refunded and recorded, flagged for staff, and doctor is clean.
 */
describeEachBackend('late payments always end in a terminal state (D2.6)', (ctx) => {
  let app: FastifyInstance;
  let fake: RunningFakeStripe;
  let appUrl: string;

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await buildTestApp(ctx, { stripeApiUrl: fake.url });
    appUrl = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  /** One unit of the scarce thing: the last seat, the last voucher use, the last discounted unit. */
  async function scarceSetUp(scarce: Scarce) {
    const conference = await makeConference(ctx.db, { holdMinutes: 15 });
    const ticket = await makeTicketType(ctx.db, conference, {
      price: 10_000,
      totalQuantity: scarce === 'seat' ? 1 : 10,
    });
    const voucher =
      scarce === 'voucher'
        ? await makeVoucher(ctx.db, conference, {
            kind: 'percentage',
            percentOffBp: 2_000,
            maxUses: 1,
          })
        : null;
    if (scarce === 'discount')
      await makeCondition(ctx.db, conference, { usageLimit: 1, ticketTypes: [ticket] });
    return { conference, ticket, voucherCode: voucher?.code ?? null };
  }

  async function placeOrder(
    conference: Conference,
    ticket: TicketType,
    voucherCode: string | null,
  ) {
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
    if (voucherCode) expect((await client.applyVoucher(voucherCode)).statusCode).toBe(200);
    const placed = await client.checkout();
    expect(placed.statusCode, placed.body).toBe(201);
    return { client, order: placed.json<{ id: string; reference: string; total: number }>() };
  }

  /**
   * The hold runs out as time passes. The clock that decides it must be the database's too: the
   * D2.3 fence counts live holds by `now()`, so the test moves the hold, not the app's clock.
   */
  async function lapseHold(orderId: string) {
    await ctx.db
      .update(orders)
      .set({ holdExpiresAt: new Date(Date.now() - 1_000) })
      .where(eq(orders.id, orderId));
  }

  const cases: Array<[Scarce, Ordering]> = (['seat', 'voucher', 'discount'] as const).flatMap(
    (scarce) =>
      (['payment before sweep', 'sweep before payment'] as const).map(
        (ordering): [Scarce, Ordering] => [scarce, ordering],
      ),
  );

  describe.each(cases)('%s gone, %s', (scarce, ordering) => {
    it(`D2.6 the lapsed order ends cancelled, refunded and flagged; doctor is clean`, async () => {
      const { conference, ticket, voucherCode } = await scarceSetUp(scarce);
      const account = await connectStripe(ctx.db, fake, conference, appUrl);
      const late = await placeOrder(conference, ticket, voucherCode);
      const { paymentIntentId } = (await late.client.startCard(late.order.reference)).json<{
        paymentIntentId: string;
      }>();
      await lapseHold(late.order.id);

      // The hold lapsed: someone else takes the scarce unit, whether or not the sweep ran.
      if (ordering === 'sweep before payment') await expireHolds(ctx.db, new Date());
      const winner = await placeOrder(conference, ticket, voucherCode);
      const winnerIntent = (await winner.client.startCard(winner.order.reference)).json<{
        paymentIntentId: string;
      }>().paymentIntentId;
      account.succeedPaymentIntent(winnerIntent);
      await account.idle();

      account.succeedPaymentIntent(paymentIntentId);
      await account.idle();
      // The sweep that comes after changes nothing, and finds nothing left pending.
      await expireHolds(ctx.db, new Date());
      await account.idle();

      const [row] = await ctx.db.select().from(orders).where(eq(orders.id, late.order.id));
      expect(row).toMatchObject({ status: 'cancelled', holdExpiresAt: null, needsAttention: true });
      expect(row?.attentionReason).toMatch(WHY[scarce]);
      const recorded = await ctx.db
        .select()
        .from(refunds)
        .where(eq(refunds.orderId, late.order.id));
      expect(recorded).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          destination: 'card',
          amount: late.order.total,
        }),
      ]);
      expect(account.refunds()).toEqual([
        expect.objectContaining({ payment_intent: paymentIntentId, amount: late.order.total }),
      ]);
      const [paidWinner] = await ctx.db
        .select({ status: orders.status })
        .from(orders)
        .where(eq(orders.id, winner.order.id));
      expect(paidWinner?.status).toBe('paid');
      expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
    });
  });
});
