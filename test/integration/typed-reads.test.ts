import { and, asc, eq, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { definedStatements } from '../../src/db/cached-statements.ts';
import { definedReads, readOne, readTogether } from '../../src/db/read-together.ts';
import {
  addonRequiredTicketTypes,
  addons,
  attendeeQuestions,
  cartItems,
  carts,
  conferences,
  discountConditionGroups,
  groupMembers,
  ticketTypes,
  users,
} from '../../src/db/schema/index.ts';
import { sessionRead } from '../../src/services/accounts/index.ts';
import { toPublicUser } from '../../src/services/accounts/users.ts';
import { activeQuestionsRead } from '../../src/services/attendees/index.ts';
import { addItemToCart, loadCartLines, openCartRead } from '../../src/services/cart/index.ts';
import { productRead } from '../../src/services/cart/cart-lines.ts';
import { conferenceBySlugRead } from '../../src/services/conferences/index.ts';
import { pricingInputsRead } from '../../src/services/pricing/index.ts';
import { createSession } from '../../src/services/accounts/sessions.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeAddon, makeConference, makeTicketType, unique } from '../factories/index.ts';
import { makeCondition } from '../factories/sales.ts';
import { makeGroup } from '../factories/staff.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

// STYLE §13: the fast reads carry whole rows as JSON in one statement. They are built from the
// Drizzle schema (a renamed column fails `npm run typecheck`); these tests pin that what they
// decode is exactly what the query builder reads, and that every statement they write is valid
// against the migrated schema, so the hand-written glue around the columns cannot drift either.
describeEachBackend('typed fast reads', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // The whole app, so that every module defining a read or statement is loaded.
    app = await buildTestApp(ctx, { now: () => NOW });
  });
  afterAll(() => app.close());

  it('every read and statement defined prepares against the migrated database', async () => {
    const dialect = new PgDialect();
    const texts = [
      // A read is a scalar subquery of readTogether's SELECT.
      ...definedReads().map((read) => `SELECT (${dialect.sqlToQuery(read.build()).sql})`),
      ...definedStatements().map((build) => dialect.sqlToQuery(build()).sql),
    ];
    expect(definedReads().length).toBeGreaterThanOrEqual(8);
    expect(definedStatements().length).toBeGreaterThanOrEqual(4);
    for (const [index, text] of texts.entries()) {
      // PREPARE parses and plans without running: an unknown column or table fails here.
      await ctx.db.execute(sql.raw(`PREPARE typed_read_${index} AS ${text}`));
      await ctx.db.execute(sql.raw(`DEALLOCATE typed_read_${index}`));
    }
  });

  it('a conference and a session read back as Drizzle reads them', async () => {
    const conference = await makeConference(ctx.db);
    const [stored] = await ctx.db
      .select()
      .from(conferences)
      .where(eq(conferences.id, conference.id));
    expect(await readOne(ctx.db, conferenceBySlugRead({ slug: conference.slug }))).toEqual(stored);
    expect(await readOne(ctx.db, conferenceBySlugRead({ slug: unique('none') }))).toBeNull();

    const [user] = await ctx.db
      .insert(users)
      .values({ email: `${unique('reader')}@example.org`, passwordHash: null })
      .returning();
    if (!user) throw new Error('no user');
    const session = await createSession(ctx.db, user.id, 1, NOW);
    const read = await readTogether(ctx.db, {
      principal: sessionRead(session.token, NOW),
      conference: conferenceBySlugRead({ slug: conference.slug }),
    });
    expect(read.principal?.user).toEqual(toPublicUser(user));
    expect(read.conference).toEqual(stored);
    const later = new Date(session.expiresAt.getTime() + 1);
    expect(await readOne(ctx.db, sessionRead(session.token, later))).toBeUndefined();
  });

  it('active questions read back in display order, JSON options included', async () => {
    const conference = await makeConference(ctx.db);
    await ctx.db.insert(attendeeQuestions).values([
      { conferenceId: conference.id, key: 'b', label: 'B', sortOrder: 2 },
      {
        conferenceId: conference.id,
        key: 'size',
        label: 'Size',
        kind: 'select',
        options: ['S', 'M'],
        sortOrder: 1,
      },
      { conferenceId: conference.id, key: 'off', label: 'Off', isActive: false },
    ]);
    const stored = await ctx.db
      .select()
      .from(attendeeQuestions)
      .where(
        and(
          eq(attendeeQuestions.conferenceId, conference.id),
          eq(attendeeQuestions.isActive, true),
        ),
      )
      .orderBy(asc(attendeeQuestions.sortOrder));
    const read = await readOne(ctx.db, activeQuestionsRead({ conferenceId: conference.id }));
    expect(read).toEqual(stored);
    expect(read[0]?.options).toEqual(['S', 'M']);
  });

  it('cart lines, products and the written cart read back as Drizzle reads them', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, {
      availableFrom: new Date('2026-01-01T00:00:00Z'),
    });
    const addon = await makeAddon(ctx.db, conference, { requires: [ticket] });
    const [user] = await ctx.db
      .insert(users)
      .values({ email: `${unique('cart')}@example.org`, passwordHash: null })
      .returning();
    if (!user) throw new Error('no user');
    const add = (kind: 'ticket' | 'addon', productId: string) =>
      addItemToCart(ctx.db, {
        userId: user.id,
        conference,
        kind,
        productId,
        quantity: 1,
        now: NOW,
      });
    await add('ticket', ticket.id);
    const state = await add('addon', addon.id);

    const [cart] = await ctx.db.select().from(carts).where(eq(carts.id, state.cart.id));
    const items = await ctx.db
      .select()
      .from(cartItems)
      .where(eq(cartItems.cartId, state.cart.id))
      .orderBy(asc(cartItems.createdAt), asc(cartItems.id));
    const [storedTicket] = await ctx.db
      .select()
      .from(ticketTypes)
      .where(eq(ticketTypes.id, ticket.id));
    const [storedAddon] = await ctx.db.select().from(addons).where(eq(addons.id, addon.id));
    const required = await ctx.db
      .select({ id: addonRequiredTicketTypes.ticketTypeId })
      .from(addonRequiredTicketTypes)
      .where(eq(addonRequiredTicketTypes.addonId, addon.id));
    // The write statement answers with the rows it wrote, decoded like the query builder's.
    expect(state.cart).toEqual(cart);

    const open = await readOne(ctx.db, openCartRead(user.id, conference.id));
    expect(open?.cart).toEqual(cart);
    const lines = await loadCartLines(ctx.db, state.cart.id);
    expect(open?.lines).toEqual(lines);
    expect(lines.map((l) => [l.itemId, l.quantity, l.createdAt])).toEqual(
      items.map((i) => [i.id, i.quantity, i.createdAt]),
    );
    expect(lines[0]?.product).toEqual(storedTicket);
    expect(lines[1]?.product).toEqual({
      ...storedAddon,
      requiredTicketTypeIds: required.map((r) => r.id),
    });
    expect((await readOne(ctx.db, productRead('ticket', ticket.id)))?.product).toEqual(
      storedTicket,
    );
    expect((await readOne(ctx.db, productRead('addon', addon.id)))?.product).toEqual(
      lines[1]?.product,
    );
    expect(await readOne(ctx.db, productRead('addon', ticket.id))).toBeNull();
  });

  it('pricing inputs carry every condition field, its sets and the buyer facts', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const group = await makeGroup(ctx.db, conference);
    const [user] = await ctx.db
      .insert(users)
      .values({ email: `${unique('priced')}@example.org`, passwordHash: null })
      .returning();
    if (!user) throw new Error('no user');
    const empty = await readOne(ctx.db, pricingInputsRead(conference.id, user.id, NOW));
    expect(empty).toEqual({
      conditions: [],
      buyer: {
        isSpeaker: false,
        hasCoPresentedTalk: false,
        groupIds: [],
        purchasedTicketTypeIds: [],
      },
    });

    const condition = await makeCondition(ctx.db, conference, {
      kind: 'group_member',
      discountType: 'fixed_amount',
      percentOffBp: null,
      amountOff: 1_500,
      usageLimit: 5,
      startTime: new Date('2026-11-01T00:00:00Z'),
      ticketTypes: [ticket],
    });
    await ctx.db
      .insert(discountConditionGroups)
      .values({ conditionId: condition.id, groupId: group.id, conferenceId: conference.id });
    await ctx.db
      .insert(groupMembers)
      .values({ groupId: group.id, userId: user.id, conferenceId: conference.id });
    const { conditions, buyer } = await readOne(
      ctx.db,
      pricingInputsRead(conference.id, user.id, NOW),
    );
    const { conferenceId: _c, description: _d, updatedAt: _u, ...fields } = condition;
    expect(conditions).toEqual([
      {
        ...fields,
        unitsUsed: 0,
        ticketTypeIds: [ticket.id],
        addonIds: [],
        groupIds: [group.id],
        enablingTicketTypeIds: [],
      },
    ]);
    expect(buyer).toEqual({
      isSpeaker: false,
      hasCoPresentedTalk: false,
      groupIds: [group.id],
      purchasedTicketTypeIds: [],
    });
  });
});
