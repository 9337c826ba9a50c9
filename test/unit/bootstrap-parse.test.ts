import { describe, expect, it } from 'vitest';
import {
  BootstrapConfigError,
  deriveSlug,
  parseBootstrapConfig,
  toBasisPoints,
  toMinorUnits,
} from '../../src/services/bootstrap/index.ts';

const BASE = `
[conference]
name = "Test Conf 2027"
start = 2027-05-12
end = 2027-05-14
timezone = "America/New_York"

[[conference.sections]]
name = "Main"
start = 2027-05-12
end = 2027-05-14
`;

const TICKET = `
[[conference.tickets]]
name = "Early Bird"
price = 100
quantity = 10
`;

/** BASE with an extra line in its [conference] table. */
const inConference = (line: string) => BASE.replace('timezone', `${line}\ntimezone`);

function problemsOf(text: string): readonly string[] {
  try {
    parseBootstrapConfig(text);
  } catch (error) {
    if (error instanceof BootstrapConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('BOOT-5 slugs', () => {
  it.each([
    ['PyCon T-Shirt', 'pycon-t-shirt'],
    ['Tutorial: Intro to Django', 'tutorial-intro-to-django'],
    ['  Early -- Bird  ', 'early-bird'],
    ['C++ & Rust', 'c-rust'],
    ['snake_case Name', 'snake_case-name'],
    ['Café Crème', 'café-crème'],
    ['!!!', ''],
  ])('BOOT-5 derives %j → %j', (name, slug) => {
    expect(deriveSlug(name)).toBe(slug);
  });

  it('BOOT-5 an item without slug is keyed by the slug of its name', () => {
    const config = parseBootstrapConfig(BASE + TICKET);
    expect(config.conference.key).toBe('test-conf-2027');
    expect(config.tickets[0]?.key).toBe('early-bird');
    expect(config.sections[0]?.values.slug).toBe('main');
  });

  it('BOOT-5 a name that yields no slug is a problem', () => {
    const problems = problemsOf(BASE + TICKET.replace('Early Bird', '!!!'));
    expect(problems).toContain('conference.tickets[0].name: yields an empty slug; add a slug');
  });
});

describe('money in the file (D1.1, fixes BOOT-8)', () => {
  it.each([
    [449.5, 44950],
    ['449.50', 44950],
    ['450', 45000],
    [450, 45000],
    [0.29, 29],
    [4.35, 435],
    [1.15, 115],
    ['0', 0],
    [' 12.30 ', 1230],
  ])('C-1 %j → %j minor units, exactly', (input, minor) => {
    expect(toMinorUnits(input, 2)).toBe(minor);
  });

  it('C-1 "0.1" + "0.2" is exactly 30 cents, as strings and as floats', () => {
    expect((toMinorUnits('0.1', 2) ?? 0) + (toMinorUnits('0.2', 2) ?? 0)).toBe(30);
    expect((toMinorUnits(0.1, 2) ?? 0) + (toMinorUnits(0.2, 2) ?? 0)).toBe(30);
    expect(toMinorUnits(0.1 + 0.2, 2)).toBeUndefined();
  });

  it.each([
    [1.005],
    ['1.005'],
    [-1],
    ['-1'],
    ['abc'],
    ['1e3'],
    [Number.NaN],
    [Infinity],
    [true],
    [null],
    ['1,000'],
  ])('CONF-4 %j is refused, never rounded', (input) => {
    expect(toMinorUnits(input, 2)).toBeUndefined();
  });

  it('CONF-4 zero-decimal currencies take whole amounts only', () => {
    expect(toMinorUnits(1200, 0)).toBe(1200);
    expect(toMinorUnits('1200.0', 0)).toBe(1200);
    expect(toMinorUnits(1200.5, 0)).toBeUndefined();
    expect(toMinorUnits('1200.50', 0)).toBeUndefined();
  });

  it('D3.5 percentages become basis points, 0–100 with 2 decimals', () => {
    expect(toBasisPoints(15)).toBe(1500);
    expect(toBasisPoints('12.5')).toBe(1250);
    expect(toBasisPoints(100)).toBe(10000);
    expect(toBasisPoints(100.01)).toBeUndefined();
    expect(toBasisPoints(33.333)).toBeUndefined();
  });

  it('D1.1 a JPY price with decimals and a USD price with 3 decimals name key and item', () => {
    const jpy = inConference('currency = "jpy"') + TICKET.replace('100', '1200.5');
    expect(problemsOf(jpy)).toEqual([
      'conference.tickets[0] (early-bird).price: must be a non-negative whole amount (JPY has no decimals)',
    ]);
    expect(problemsOf(BASE + TICKET.replace('100', '"10.999"'))).toEqual([
      'conference.tickets[0] (early-bird).price: must be a non-negative amount with at most 2 decimals',
    ]);
    const config = parseBootstrapConfig(inConference('currency = "jpy"') + TICKET);
    expect(config.conference.values.currency).toBe('JPY');
    expect(config.tickets[0]?.values.price).toBe(100);
  });
});

describe('BOOT-4 dates in the conference time zone', () => {
  it('BOOT-4 opens at 00:00:00 and closes at 23:59:59 local time', () => {
    const config = parseBootstrapConfig(
      BASE + TICKET + 'available = { opens = 2026-11-24, closes = 2027-05-14 }\n',
    );
    expect(config.tickets[0]?.values.availableFrom?.toISOString()).toBe('2026-11-24T05:00:00.000Z');
    expect(config.tickets[0]?.values.availableUntil?.toISOString()).toBe(
      '2027-05-15T03:59:59.000Z',
    );
  });

  it('voucher windows: a local date-time is read in the zone, an offset one is exact', () => {
    const config = parseBootstrapConfig(
      BASE +
        `[[conference.vouchers]]
code = " welcome "
valid_from = 2027-01-01T09:00:00
valid_until = 2027-02-01T12:00:00Z
`,
    );
    const voucher = config.vouchers[0];
    expect(voucher?.key).toBe('WELCOME');
    expect(voucher?.values.kind).toBe('comp');
    expect(voucher?.values.validFrom?.toISOString()).toBe('2027-01-01T14:00:00.000Z');
    expect(voucher?.values.validUntil?.toISOString()).toBe('2027-02-01T12:00:00.000Z');
  });
});

describe('BOOT-6 problems name the key and the item', () => {
  it.each([
    ['name = "x"', 'conference: is required (a [conference] table)'],
    ['conference = 5', 'conference: must be a table, got integer'],
  ])('BOOT-6 file shape %#', (text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });

  it('BOOT-6 missing conference keys are each named', () => {
    const problems = problemsOf(
      '[conference]\nslug = "x"\n[[conference.sections]]\nname="a"\nstart=2027-01-01\nend=2027-01-01\n',
    );
    expect(problems).toEqual([
      'conference.name: is required',
      'conference.start: is required',
      'conference.end: is required',
      'conference.timezone: is required',
    ]);
  });

  it.each([
    ['', 'conference.sections: at least one [[conference.sections]] is required'],
    ['sections = []', 'conference.sections: at least one [[conference.sections]] is required'],
    [
      'sections = "main"',
      'conference.sections: must be a list of tables ([[conference.sections]])',
    ],
  ])('BOOT-6 sections %j', (line, problem) => {
    const text = BASE.slice(0, BASE.indexOf('[[conference.sections]]')) + line + '\n';
    expect(problemsOf(text)).toContain(problem);
  });

  it.each([
    [TICKET.replace('price = 100\n', ''), 'conference.tickets[0] (early-bird).price: is required'],
    ['[[conference.addons]]\nprice = 5', 'conference.addons[0].name: is required'],
    [
      TICKET + 'slug = ""',
      'conference.tickets[0].slug: must look like "early-bird" (lower-case letters, digits, - and _)',
    ],
    [TICKET + 'slug = 5', 'conference.tickets[0] (early-bird).slug: must be a string'],
    [
      TICKET + 'per_user = -1',
      'conference.tickets[0] (early-bird).per_user: must be a whole number ≥ 0',
    ],
    [
      TICKET + 'voucher_required = "yes"',
      'conference.tickets[0] (early-bird).voucher_required: must be true or false',
    ],
    [
      TICKET + 'available = { opens = 2027-02-01, closes = 2027-01-01 }',
      'conference.tickets[0] (early-bird).available.closes: must not be before opens',
    ],
    [
      TICKET + 'available = { open = 2027-02-01 }',
      'conference.tickets[0] (early-bird).available: only opens and closes are allowed here',
    ],
    [
      TICKET + 'available = { opens = "2027-02-01" }',
      'conference.tickets[0] (early-bird).available.opens: must be a TOML date (2027-01-31) or date-time (2027-01-31T12:00:00)',
    ],
  ])('BOOT-6 item problem %#', (text, problem) => {
    expect(problemsOf(BASE + text)).toContain(problem);
  });

  it('BOOT-6 a list entry that is not a table names its index and type', () => {
    const text = inConference('tickets = ["vip", 3]');
    expect(problemsOf(text)).toEqual([
      'conference.tickets[0]: must be a table, got string',
      'conference.tickets[1]: must be a table, got integer',
    ]);
  });

  it('BOOT-5 duplicates in a list are one problem, sorted', () => {
    const dup = (name: string, slug: string) =>
      `[[conference.tickets]]\nname = "${name}"\nslug = "${slug}"\nprice = 1\nquantity = 0\n`;
    const text = BASE + dup('B', 'b') + dup('A', 'a') + dup('B2', 'b') + dup('A2', 'a');
    expect(problemsOf(text)).toEqual(['conference.tickets: duplicate slugs "a", "b"']);
  });

  it('D3.5 voucher codes are compared upper-cased, and values are checked', () => {
    const text =
      BASE +
      TICKET +
      `[[conference.vouchers]]
code = "save"
type = "percentage"
value = 120
[[conference.vouchers]]
code = "SAVE"
type = "fixed_amount"
[[conference.vouchers]]
code = "FREE"
value = 10
valid_from = 2027-02-01
valid_until = 2027-01-01
tickets = ["studnet", "early-bird"]
`;
    expect(problemsOf(text)).toEqual([
      'conference.vouchers: duplicate codes "SAVE"',
      'conference.vouchers[0] (SAVE).value: must be a percentage from 0 to 100 with at most 2 decimals',
      'conference.vouchers[1] (SAVE).value: is required for type "fixed_amount"',
      'conference.vouchers[2] (FREE).value: a comp voucher takes no value (it makes the items free)',
      'conference.vouchers[2] (FREE).valid_until: must not be before valid_from',
      'conference.vouchers[2] (FREE).tickets: unknown ticket slug "studnet"',
    ]);
  });

  it('CONF-1 currency and time zone are validated', () => {
    const text = inConference('currency = "DOLLARS"').replace('America/New_York', 'Mars/Olympus');
    expect(problemsOf(text)).toEqual([
      'conference.timezone: must be an IANA time zone such as "America/New_York"',
      'conference.currency: must be an ISO 4217 currency code such as "USD"',
    ]);
  });

  it('COND-1..9 kind-specific keys, required sets and unknown add-ons are problems', () => {
    const text =
      BASE +
      TICKET +
      `[[conference.discounts]]
kind = "speaker"
name = "Speakers"
value = 100
limit = 5
[[conference.discounts]]
kind = "category_discount"
name = "Add-ons"
type = "percentage"
[[conference.discounts]]
kind = "group_member"
name = "Staff"
value = 50
addons = ["shirt"]
`;
    expect(problemsOf(text)).toEqual([
      'conference.discounts[0] (Speakers).limit: does not apply to speaker discounts',
      'conference.discounts[1] (Add-ons).type: does not apply to category_discount discounts',
      'conference.discounts[1] (Add-ons).percentage: is required for a category_discount',
      'conference.discounts[2] (Staff).groups: a group_member discount needs at least one slug',
      'conference.discounts[2] (Staff).addons: unknown addon slug "shirt"',
    ]);
  });

  it('BOOT-6 every problem of the file is reported at once', () => {
    const text = `
[conference]
name = "Broken"
start = 2027-05-12
end = 2027-05-01
timezone = "Nowhere/Special"
currency = "usd"

[[conference.sections]]
name = "Main"
start = 2027-05-12

[[conference.tickets]]
name = "Early Bird"
price = -5
quantity = 1.5

[[conference.addons]]
name = "Lunch"
price = "12.345"
requires = ["early-bird", "vip"]

[[conference.questions]]
key = "Shirt Size"
label = "Shirt"
kind = "select"
`;
    expect(problemsOf(text)).toEqual([
      'conference.timezone: must be an IANA time zone such as "America/New_York"',
      'conference.end: must not be before start',
      'conference.sections[0] (main).end: is required',
      'conference.tickets[0] (early-bird).price: must be a non-negative amount with at most 2 decimals',
      'conference.tickets[0] (early-bird).quantity: must be a whole number ≥ 0',
      'conference.addons[0] (lunch).price: must be a non-negative amount with at most 2 decimals',
      'conference.questions[0] (Shirt Size).key: must look like "tshirt_size" (lower-case letters, digits, - and _)',
      'conference.questions[0] (Shirt Size).options: a select question needs at least one option',
      'conference.addons[0] (lunch).requires: unknown ticket slug "vip"',
    ]);
  });

  it('BOOT-6 invalid TOML names the line and column', () => {
    const problems = problemsOf('[conference]\nname = "x"\nstart = \n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^invalid TOML at line 3, column \d+: /);
  });
});

describe('notices (BOOT-1)', () => {
  it('BOOT-1 sponsor levels are skipped and unknown keys ignored, both with a notice', () => {
    const config = parseBootstrapConfig(
      'edition = 3\n' +
        BASE +
        TICKET +
        'voucher_requried = true\n[[conference.sponsor_levels]]\nname = "Gold"\n',
    );
    expect(config.notices).toEqual([
      'edition: unknown top-level key, ignored',
      'conference.sponsor_levels: 1 sponsor level(s) skipped; sponsors are not set up by this command',
      'conference.tickets[0] (early-bird).voucher_requried: unknown key, ignored',
    ]);
  });
});
