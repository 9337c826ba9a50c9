import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import {
  addonRequiredTicketTypes,
  addons,
  attendeeQuestions,
  conferenceSections,
  conferences,
  discountConditionGroups,
  discountConditions,
  groups,
  ticketTypes,
  voucherTicketTypes,
  vouchers,
} from '../../src/db/schema/index.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { OPERATOR } from '../../src/services/access/index.ts';
import {
  applyBootstrap,
  BootstrapConfigError,
  bootstrapExampleIfEmpty,
  parseBootstrapConfig,
  type BootstrapResult,
} from '../../src/services/bootstrap/index.ts';
import { describeEachBackend } from '../support/db.ts';

const NOW = new Date('2026-11-24T15:00:00Z');

/** A small but complete file; `slug` keeps each test's conference apart in the shared database. */
function conferenceFile(slug: string, overrides: { requires?: string; crewTickets?: string } = {}) {
  return `
[conference]
name = "Integration Conf"
slug = "${slug}"
start = 2027-03-01
end = 2027-03-03
timezone = "Europe/Berlin"
currency = "EUR"
total_capacity = 100

[[conference.sections]]
name = "Main"
start = 2027-03-01
end = 2027-03-03

[[conference.tickets]]
name = "Standard"
price = "250.00"
quantity = 50
available = { opens = 2026-11-01, closes = 2027-03-03 }

[[conference.tickets]]
name = "Student"
price = 90
quantity = 20
voucher_required = true

[[conference.addons]]
name = "Workshop"
price = 49.5
quantity = 10
${overrides.requires ?? 'requires = ["standard", "student"]'}

[[conference.groups]]
name = "Volunteers"

[[conference.vouchers]]
code = "crew"
unlocks_hidden = true
max_uses = 5
tickets = ${overrides.crewTickets ?? '["student"]'}

[[conference.discounts]]
kind = "group_member"
name = "Volunteer discount"
value = 50
groups = ["volunteers"]

[[conference.discounts]]
kind = "time_or_stock"
name = "Early"
value = 10
ends = 2027-01-31
limit = 20
tickets = ["standard"]

[[conference.questions]]
key = "shirt"
label = "Shirt size"
kind = "select"
options = ["S", "M", "L"]
`;
}

function run(db: Database, text: string, options: { update?: boolean; dryRun?: boolean } = {}) {
  return applyBootstrap(db, parseBootstrapConfig(text), {
    update: options.update ?? false,
    dryRun: options.dryRun ?? false,
    now: NOW,
    actor: OPERATOR,
  });
}

async function conferenceBySlug(db: Database, slug: string) {
  const [row] = await db.select().from(conferences).where(eq(conferences.slug, slug));
  return row;
}

async function slugsRequiredBy(db: Database, addonId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: ticketTypes.slug })
    .from(addonRequiredTicketTypes)
    .innerJoin(ticketTypes, eq(ticketTypes.id, addonRequiredTicketTypes.ticketTypeId))
    .where(eq(addonRequiredTicketTypes.addonId, addonId));
  return rows.map((r) => r.slug).sort();
}

async function voucherTicketSlugs(db: Database, voucherId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: ticketTypes.slug })
    .from(voucherTicketTypes)
    .innerJoin(ticketTypes, eq(ticketTypes.id, voucherTicketTypes.ticketTypeId))
    .where(eq(voucherTicketTypes.voucherId, voucherId));
  return rows.map((r) => r.slug).sort();
}

function allUnchanged(result: BootstrapResult): boolean {
  return Object.values(result.counts).every((c) => c.created === 0 && c.updated === 0);
}

describeEachBackend('bootstrap', (ctx) => {
  // Runs first on purpose: the example is only created while the database has no conference.
  it('creates the bundled example on an empty database, and only then', async () => {
    const conference = await bootstrapExampleIfEmpty(ctx.db, NOW);
    expect(conference?.slug).toBe('pycon-lanyard-2027');
    expect(conference?.totalCapacity).toBe(2500);
    const id = conference?.id ?? '';
    const tickets = await ctx.db.select().from(ticketTypes).where(eq(ticketTypes.conferenceId, id));
    expect(tickets).toHaveLength(5);
    expect(tickets.find((t) => t.slug === 'student')).toMatchObject({
      price: 12500,
      requiresVoucher: true,
    });
    expect((await ctx.db.select().from(addons).where(eq(addons.conferenceId, id))).length).toBe(4);
    expect(
      (
        await ctx.db
          .select()
          .from(conferenceSections)
          .where(eq(conferenceSections.conferenceId, id))
      ).length,
    ).toBe(3);
    expect(
      (await ctx.db.select().from(attendeeQuestions).where(eq(attendeeQuestions.conferenceId, id)))
        .length,
    ).toBe(2);
    const codes = await ctx.db.select().from(vouchers).where(eq(vouchers.conferenceId, id));
    expect(codes.map((v) => v.code).sort()).toEqual([
      'COMMUNITY15',
      'SPEAKER-2027',
      'STUDENT-2027',
    ]);
    const student = codes.find((v) => v.code === 'STUDENT-2027');
    expect(student).toMatchObject({
      kind: 'percentage',
      percentOffBp: 0,
      maxUses: 300,
      unlocksHiddenTickets: true,
    });
    expect(await voucherTicketSlugs(ctx.db, student?.id ?? '')).toEqual(['student']);
    const [early] = await ctx.db
      .select()
      .from(discountConditions)
      .where(
        and(eq(discountConditions.conferenceId, id), eq(discountConditions.kind, 'time_or_stock')),
      );
    expect(early).toMatchObject({
      percentOffBp: 1500,
      usageLimit: 500,
      discountType: 'percentage',
    });
    expect(await bootstrapExampleIfEmpty(ctx.db, NOW)).toBeNull();
  });

  it('BOOT-7 creates a conference with its whole sales setup', async () => {
    const result = await run(ctx.db, conferenceFile('create-conf'));
    expect(result.conference?.currency).toBe('EUR');
    expect(result.counts.tickets).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(result.counts.discounts.created).toBe(2);
    const id = result.conference?.id ?? '';
    const [workshop] = await ctx.db.select().from(addons).where(eq(addons.conferenceId, id));
    expect(workshop?.price).toBe(4950);
    expect(await slugsRequiredBy(ctx.db, workshop?.id ?? '')).toEqual(['standard', 'student']);
    const [volunteer] = await ctx.db
      .select({ groupSlug: groups.slug })
      .from(discountConditionGroups)
      .innerJoin(groups, eq(groups.id, discountConditionGroups.groupId))
      .where(eq(discountConditionGroups.conferenceId, id));
    expect(volunteer?.groupSlug).toBe('volunteers');
  });

  it('BOOT-7 refuses to run over an existing conference without --update', async () => {
    await run(ctx.db, conferenceFile('exists-conf'));
    const error = await run(ctx.db, conferenceFile('exists-conf')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      'conference exists-conf already exists; use --update',
    );
  });

  it('BOOT-7 a repeated --update changes nothing, not even updated_at', async () => {
    await run(ctx.db, conferenceFile('idem-conf'));
    const first = await run(ctx.db, conferenceFile('idem-conf'), { update: true });
    expect(allUnchanged(first)).toBe(true);
    const before = await conferenceBySlug(ctx.db, 'idem-conf');
    const ticketsBefore = await ctx.db
      .select()
      .from(ticketTypes)
      .where(eq(ticketTypes.conferenceId, before?.id ?? ''));
    const second = await run(ctx.db, conferenceFile('idem-conf'), { update: true });
    expect(allUnchanged(second)).toBe(true);
    expect(second.changes).toEqual([]);
    expect(second.counts.vouchers).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await conferenceBySlug(ctx.db, 'idem-conf'))?.updatedAt).toEqual(before?.updatedAt);
    const ticketsAfter = await ctx.db
      .select()
      .from(ticketTypes)
      .where(eq(ticketTypes.conferenceId, before?.id ?? ''));
    expect(ticketsAfter.map((t) => t.updatedAt)).toEqual(ticketsBefore.map((t) => t.updatedAt));
  });

  it('BOOT-7 --update replaces requires and voucher scope when given, keeps them when absent', async () => {
    const created = await run(ctx.db, conferenceFile('scope-conf'));
    const id = created.conference?.id ?? '';
    const later = new Date(NOW.getTime() + 60_000);
    const changed = await applyBootstrap(
      ctx.db,
      parseBootstrapConfig(
        conferenceFile('scope-conf', {
          requires: 'requires = ["standard"]',
          crewTickets: '["standard", "student"]',
        }),
      ),
      { update: true, dryRun: false, now: later, actor: OPERATOR },
    );
    expect(changed.changes).toEqual([
      { kind: 'addons', key: 'workshop', change: 'updated', fields: ['requires'] },
      { kind: 'vouchers', key: 'CREW', change: 'updated', fields: ['tickets'] },
    ]);
    const [workshop] = await ctx.db.select().from(addons).where(eq(addons.conferenceId, id));
    expect(await slugsRequiredBy(ctx.db, workshop?.id ?? '')).toEqual(['standard']);
    expect(workshop?.updatedAt).toEqual(later);
    const [crew] = await ctx.db.select().from(vouchers).where(eq(vouchers.conferenceId, id));
    expect(await voucherTicketSlugs(ctx.db, crew?.id ?? '')).toEqual(['standard', 'student']);

    const absent = await run(ctx.db, conferenceFile('scope-conf', { requires: '' }), {
      update: true,
    });
    expect(absent.counts.addons).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await slugsRequiredBy(ctx.db, workshop?.id ?? '')).toEqual(['standard']);
    await run(ctx.db, conferenceFile('scope-conf', { requires: 'requires = []' }), {
      update: true,
    });
    expect(await slugsRequiredBy(ctx.db, workshop?.id ?? '')).toEqual([]);
  });

  it('BOOT-7 --dry-run reports what would happen and writes nothing', async () => {
    const preview = await run(ctx.db, conferenceFile('dry-conf'), { dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.conference).toBeNull();
    expect(preview.counts.conference).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(preview.counts.tickets.created).toBe(2);
    expect(await conferenceBySlug(ctx.db, 'dry-conf')).toBeUndefined();

    await run(ctx.db, conferenceFile('dry-conf'));
    const file = conferenceFile('dry-conf', { requires: 'requires = ["student"]' }).replace(
      '"250.00"',
      '275',
    );
    const update = await run(ctx.db, file, { update: true, dryRun: true });
    expect(update.changes.map((c) => [c.kind, c.key, c.fields])).toEqual([
      ['tickets', 'standard', ['price']],
      ['addons', 'workshop', ['requires']],
    ]);
    const conference = await conferenceBySlug(ctx.db, 'dry-conf');
    const [standard] = await ctx.db
      .select()
      .from(ticketTypes)
      .where(
        and(eq(ticketTypes.conferenceId, conference?.id ?? ''), eq(ticketTypes.slug, 'standard')),
      );
    expect(standard?.price).toBe(25000);
  });

  it('BOOT-6 a file that fails while applying touches nothing', async () => {
    const file = conferenceFile('invalid-conf').replace(
      'groups = ["volunteers"]',
      'groups = ["volunteers", "board"]',
    );
    const error = await run(ctx.db, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BootstrapConfigError);
    expect((error as BootstrapConfigError).problems).toEqual([
      'conference.discounts[0] (Volunteer discount).groups: unknown group slug "board"',
    ]);
    expect(await conferenceBySlug(ctx.db, 'invalid-conf')).toBeUndefined();
  });
});
