import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET } from '../../src/domain/codes.ts';
import { csvCell } from '../../src/services/manage/vouchers/csv.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import {
  makeAddon,
  makeConference,
  makeTicketType,
  makeUser,
  type RawOrderInput,
} from '../factories/index.ts';
import { makeVoucherOrder, manageClient, staffCookie } from '../factories/staff.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

/** RFC 4180 reader for the tests: quoted cells, doubled quotes, CRLF-terminated records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const next = text[i + 1];
    i += 1;
    if (quoted && char === '"' && next === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      record.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && next === '\n') {
      records.push([...record, cell]);
      record = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  return records;
}

describe('voucher CSV cells', () => {
  it('RFC 4180 quoting and the formula-injection guard', () => {
    expect(csvCell('PLAIN')).toBe('PLAIN');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) {
      expect(csvCell(formula)).toBe(`'${formula}`);
    }
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });
});

describeEachBackend('manage vouchers', (ctx) => {
  let app: FastifyInstance;
  let staff: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx, { now: () => NOW });
    staff = await staffCookie(app, ctx.db);
  });
  afterAll(() => app.close());

  async function newConference() {
    const conference = await makeConference(ctx.db);
    return { conference, api: manageClient(app, conference.slug, staff) };
  }

  it('VOU-10 stores codes trimmed and upper-case; a code differing only in case is 409', async () => {
    const { api } = await newConference();
    const created = await api('POST', 'vouchers', { code: '  early-bird_2 ', kind: 'comp' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'EARLY-BIRD_2',
      kind: 'comp',
      percentOff: null,
      amountOff: null,
      maxUses: 1,
      usesCount: 0,
      isActive: true,
      ticketTypeIds: [],
      addonIds: [],
    });
    const duplicate = await api('POST', 'vouchers', { code: 'Early-Bird_2' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({
      code: 'VOUCHER_CODE_TAKEN',
      details: { field: 'code', code: 'EARLY-BIRD_2' },
    });
    const bad = await api('POST', 'vouchers', { code: 'no spaces' });
    expect(bad.json().error.details.fields[0].path).toBe('body.code');
  });

  it('D3.5 percentages are 0-100 with two decimals, amounts are whole minor units', async () => {
    const { api } = await newConference();
    const ok = await api('POST', 'vouchers', { code: 'P', kind: 'percentage', percentOff: 12.5 });
    expect(ok.json()).toMatchObject({ percentOff: 12.5, amountOff: null });
    const fixed = await api('POST', 'vouchers', {
      code: 'F',
      kind: 'fixed_amount',
      amountOff: 2_500,
    });
    expect(fixed.json()).toMatchObject({
      kind: 'fixed_amount',
      amountOff: 2_500,
      percentOff: null,
    });
    const cases: Array<[object, string]> = [
      [{ kind: 'percentage', percentOff: 101 }, 'body.percentOff'],
      [{ kind: 'percentage', percentOff: 12.345 }, 'body.percentOff'],
      [{ kind: 'percentage' }, 'body.percentOff'],
      [{ kind: 'fixed_amount', amountOff: -5 }, 'body.amountOff'],
      [{ kind: 'fixed_amount' }, 'body.amountOff'],
      [{ maxUses: -1 }, 'body.maxUses'],
      [
        { validFrom: '2027-02-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
        'body.validUntil',
      ],
    ];
    for (const [fields, path] of cases) {
      const response = await api('POST', 'vouchers', { code: 'X', ...fields });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      const paths = response.json().error.details.fields.map((f: { path: string }) => f.path);
      expect(paths).toContain(path);
    }
    expect(
      (await api('POST', 'vouchers', { code: 'Y', percentOff: 101 })).json().error.message,
    ).toContain('percentOff');
  });

  it('refuses a value of another kind instead of ignoring it', async () => {
    const { api } = await newConference();
    const comp = await api('POST', 'vouchers', { code: 'C', kind: 'comp', amountOff: 100 });
    expect(comp.statusCode).toBe(400);
    expect(comp.json().error).toMatchObject({
      code: 'FIELD_NOT_ALLOWED',
      details: { fields: ['amountOff'] },
    });
    const pct = await api('POST', 'vouchers', {
      code: 'P',
      kind: 'percentage',
      percentOff: 10,
      amountOff: 5,
    });
    expect(pct.json().error.message).toContain('amountOff');
  });

  it('PATCH switches the kind, clearing the old value, and replaces the scope', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    const addon = await makeAddon(ctx.db, conference);
    const created = await api('POST', 'vouchers', {
      code: 'SWITCH',
      kind: 'percentage',
      percentOff: 20,
      ticketTypeIds: [ticket.id],
    });
    const id = created.json().id;
    const missing = await api('PATCH', `vouchers/${id}`, { kind: 'fixed_amount' });
    expect(missing.json().error.details.fields[0].path).toBe('body.amountOff');
    const switched = await api('PATCH', `vouchers/${id}`, {
      kind: 'fixed_amount',
      amountOff: 1_000,
      addonIds: [addon.id],
      note: 'sponsor',
    });
    expect(switched.json()).toMatchObject({
      kind: 'fixed_amount',
      amountOff: 1_000,
      percentOff: null,
      ticketTypeIds: [ticket.id],
      addonIds: [addon.id],
      note: 'sponsor',
    });
    const renamed = await api('PATCH', `vouchers/${id}`, { code: 'renamed', ticketTypeIds: [] });
    expect(renamed.json()).toMatchObject({ code: 'RENAMED', amountOff: 1_000, ticketTypeIds: [] });
    expect((await api('PATCH', `vouchers/${id}`, {})).statusCode).toBe(400);
  });

  it('refuses scope ids of another conference with 422 naming the field', async () => {
    const { api } = await newConference();
    const other = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, other);
    const addon = await makeAddon(ctx.db, other);
    const response = await api('POST', 'vouchers', {
      code: 'LEAK',
      ticketTypeIds: [ticket.id],
      addonIds: [addon.id],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.missing.map((m: { field: string }) => m.field)).toEqual([
      'ticketTypeIds',
      'addonIds',
    ]);
    expect((await api('GET', 'vouchers')).json().vouchers).toEqual([]);
  });

  it('lists by code prefix (any case) and active flag', async () => {
    const { api } = await newConference();
    await api('POST', 'vouchers', { code: 'SPKR-1' });
    await api('POST', 'vouchers', { code: 'SPKR-2', isActive: false });
    await api('POST', 'vouchers', { code: 'STU_1' });
    const codes = async (query: string) =>
      (await api('GET', `vouchers${query}`)).json().vouchers.map((v: { code: string }) => v.code);
    expect(await codes('')).toEqual(['SPKR-1', 'SPKR-2', 'STU_1']);
    expect(await codes('?q=spkr')).toEqual(['SPKR-1', 'SPKR-2']);
    expect(await codes('?q=spkr&active=true')).toEqual(['SPKR-1']);
    expect(await codes('?active=false')).toEqual(['SPKR-2']);
    expect(await codes('?q=STU_')).toEqual(['STU_1']);
  });

  it('VOU-7 usesCount is derived from orders that hold a use', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    const voucher = (await api('POST', 'vouchers', { code: 'USED', maxUses: 5 })).json();
    const user = await makeUser(ctx.db);
    const order = (status: RawOrderInput['status'], holdExpiresAt: Date | null = null) =>
      makeVoucherOrder(ctx.db, {
        conference,
        user,
        status,
        holdExpiresAt,
        voucher,
        lines: [{ ticketType: ticket, quantity: 1 }],
      });
    await order('paid');
    await order('refunded');
    await order('pending', new Date(NOW.getTime() + 60_000));
    await order('pending', new Date(NOW.getTime() - 60_000));
    await order('cancelled');
    expect((await api('GET', `vouchers/${voucher.id}`)).json().usesCount).toBe(3);
    expect((await api('GET', 'vouchers')).json().vouchers[0].usesCount).toBe(3);
    expect((await api('DELETE', `vouchers/${voucher.id}`)).statusCode).toBe(204);
    expect((await api('GET', `vouchers/${voucher.id}`)).statusCode).toBe(404);
  });

  it('VOU-9 generates 50 unique codes with a prefix and the same settings', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    await api('POST', 'vouchers', { code: 'STU-EXISTING' });
    const response = await api('POST', 'vouchers/bulk', {
      prefix: 'stu-',
      count: 50,
      kind: 'percentage',
      percentOff: 50,
      maxUses: 2,
      unlocksHiddenTickets: true,
      ticketTypeIds: [ticket.id],
    });
    expect(response.statusCode).toBe(201);
    const vouchers = response.json().vouchers as Array<Record<string, unknown>>;
    const codes = vouchers.map((v) => String(v.code));
    expect(new Set(codes).size).toBe(50);
    const shape = new RegExp(`^STU-[${CODE_ALPHABET}]{8}$`);
    for (const code of codes) expect(code).toMatch(shape);
    expect(codes.join('').slice(4)).not.toMatch(/[01OIL]/);
    for (const voucher of vouchers) {
      expect(voucher).toMatchObject({
        kind: 'percentage',
        percentOff: 50,
        maxUses: 2,
        unlocksHiddenTickets: true,
        ticketTypeIds: [ticket.id],
      });
    }
    expect((await api('GET', 'vouchers?q=STU-')).json().vouchers).toHaveLength(51);
  });

  it('VOU-9 refuses count 501, count 0 and a prefix over 20 characters', async () => {
    const { api } = await newConference();
    const cases: Array<[object, string]> = [
      [{ count: 501 }, 'body.count'],
      [{ count: 0 }, 'body.count'],
      [{ count: 1, prefix: 'P'.repeat(21) }, 'body.prefix'],
      [{ count: 1, prefix: 'bad prefix' }, 'body.prefix'],
    ];
    for (const [payload, path] of cases) {
      const response = await api('POST', 'vouchers/bulk', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.fields[0].path).toBe(path);
    }
    expect((await api('POST', 'vouchers/bulk', { count: 501 })).json().error.message).toContain(
      '500',
    );
    expect((await api('GET', 'vouchers')).json().vouchers).toEqual([]);
  });

  it('exports CSV that parses back, with slugs, uses and the formula guard', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference, { slug: 'speaker' });
    const addon = await makeAddon(ctx.db, conference, { slug: 'dinner' });
    const comp = await api('POST', 'vouchers', {
      code: '-SPKR',
      ticketTypeIds: [ticket.id],
      addonIds: [addon.id],
      unlocksHiddenTickets: true,
      maxUses: 200,
    });
    await api('POST', 'vouchers', {
      code: 'SAVE',
      kind: 'fixed_amount',
      amountOff: 2_500,
      validFrom: '2026-11-01T00:00:00Z',
      isActive: false,
    });
    await api('POST', 'vouchers', { code: 'PCT', kind: 'percentage', percentOff: 12.5 });
    await makeVoucherOrder(ctx.db, {
      conference,
      user: await makeUser(ctx.db),
      status: 'paid',
      voucher: comp.json(),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });

    const response = await api('GET', 'vouchers/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${conference.slug}-vouchers.csv"`,
    );
    expect(response.body.endsWith('\r\n')).toBe(true);
    const header =
      'code,kind,value,max_uses,uses,valid_from,valid_until,unlocks_hidden_tickets,is_active,ticket_types,addons';
    expect(parseCsv(response.body)).toEqual([
      header.split(','),
      ["'-SPKR", 'comp', '', '200', '1', '', '', 'true', 'true', 'speaker', 'dinner'],
      ['PCT', 'percentage', '12.5', '1', '0', '', '', 'false', 'true', '', ''],
      'SAVE,fixed_amount,2500,1,0,2026-11-01T00:00:00.000Z,,false,false,,'.split(','),
    ]);
    const filtered = parseCsv((await api('GET', 'vouchers/export.csv?active=false')).body);
    expect(filtered.map((row) => row[0])).toEqual(['code', 'SAVE']);
  });
});
