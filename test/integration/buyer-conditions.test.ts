import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  discountConditionEnablingTicketTypes,
  discountConditionGroups,
  groupMembers,
  groups,
  speakers,
  talks,
  talkSpeakers,
} from '../../src/db/schema/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer, type Buyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeRawOrder, makeTicketType, unique } from '../factories/index.ts';
import { makeCondition } from '../factories/sales.ts';

describeEachBackend('conditions that depend on who the buyer is (COND-5..7)', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(() => app.close());

  async function cartTotalFor(buyer: Buyer, slug: string, ticketTypeId: string) {
    return (await buyerClient(app, slug, buyer).addTicket(ticketTypeId)).json();
  }

  it('COND-6 a group member gets the group discount, others do not', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const [group] = await ctx.db
      .insert(groups)
      .values({ conferenceId: conference.id, name: 'Volunteers', slug: unique('vol') })
      .returning();
    if (!group) throw new Error('no group');
    const condition = await makeCondition(ctx.db, conference, {
      kind: 'group_member',
      name: 'Volunteer rate',
      percentOffBp: 5000,
    });
    await ctx.db
      .insert(discountConditionGroups)
      .values({ conditionId: condition.id, groupId: group.id, conferenceId: conference.id });
    const member = await makeBuyer(ctx.db);
    const stranger = await makeBuyer(ctx.db);
    await ctx.db
      .insert(groupMembers)
      .values({ groupId: group.id, userId: member.id, conferenceId: conference.id });
    expect((await cartTotalFor(member, conference.slug, ticket.id)).total).toBe(5_000);
    expect((await cartTotalFor(stranger, conference.slug, ticket.id)).total).toBe(10_000);
  });

  it('COND-5 a linked speaker qualifies; a co-presenter-only condition needs a shared talk', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    await makeCondition(ctx.db, conference, {
      kind: 'speaker',
      name: 'Co-presenters',
      priority: 0,
      percentOffBp: 2000,
      isPresenter: false,
      isCopresenter: true,
    });
    await makeCondition(ctx.db, conference, {
      kind: 'speaker',
      name: 'Speakers',
      priority: 1,
      percentOffBp: 10000,
    });
    const solo = await makeBuyer(ctx.db);
    const pair = await makeBuyer(ctx.db);
    const partner = await makeBuyer(ctx.db);
    const [s1, s2, s3] = await ctx.db
      .insert(speakers)
      .values(
        [solo, pair, partner].map((b) => ({
          conferenceId: conference.id,
          pretalxCode: unique('SPK'),
          name: 'Speaker',
          userId: b.id,
        })),
      )
      .returning();
    const [soloTalk, pairTalk] = await ctx.db
      .insert(talks)
      .values([
        { conferenceId: conference.id, pretalxCode: unique('T'), title: 'Solo' },
        { conferenceId: conference.id, pretalxCode: unique('T'), title: 'Pair' },
      ])
      .returning();
    if (!s1 || !s2 || !s3 || !soloTalk || !pairTalk) throw new Error('setup failed');
    await ctx.db.insert(talkSpeakers).values([
      { talkId: soloTalk.id, speakerId: s1.id, conferenceId: conference.id },
      { talkId: pairTalk.id, speakerId: s2.id, conferenceId: conference.id },
      { talkId: pairTalk.id, speakerId: s3.id, conferenceId: conference.id },
    ]);
    const soloCart = await cartTotalFor(solo, conference.slug, ticket.id);
    expect(soloCart.lines[0].conditionName).toBe('Speakers');
    const pairCart = await cartTotalFor(pair, conference.slug, ticket.id);
    expect(pairCart.lines[0]).toMatchObject({
      conditionName: 'Co-presenters',
      conditionDiscount: 2_000,
    });
    expect((await cartTotalFor(await makeBuyer(ctx.db), conference.slug, ticket.id)).total).toBe(
      10_000,
    );
  });

  it('COND-7 an included-product discount needs a paid order with the enabling ticket, not the cart', async () => {
    const conference = await makeConference(ctx.db);
    const tutorial = await makeTicketType(ctx.db, conference, { name: 'Tutorial', price: 20_000 });
    const lunch = await makeTicketType(ctx.db, conference, { name: 'Lunch pass', price: 4_000 });
    const condition = await makeCondition(ctx.db, conference, {
      kind: 'included_product',
      name: 'Lunch with tutorial',
      percentOffBp: 10000,
      ticketTypes: [lunch],
    });
    await ctx.db.insert(discountConditionEnablingTicketTypes).values({
      conditionId: condition.id,
      ticketTypeId: tutorial.id,
      conferenceId: conference.id,
    });
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await client.addTicket(tutorial.id);
    expect((await client.addTicket(lunch.id)).json().conditionDiscount).toBe(0);
    await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'paid',
      lines: [{ ticketType: tutorial, quantity: 1 }],
    });
    expect((await client.cart()).json().conditionDiscount).toBe(4_000);
  });
});
