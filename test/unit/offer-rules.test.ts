import { describe, expect, it } from 'vitest';
import { CONDITION_KINDS } from '../../src/domain/pricing/index.ts';
import { patchTicketTypeBody } from '../../src/http/schemas/manage-catalog.ts';
import { createVoucherBody } from '../../src/http/schemas/manage-vouchers.ts';
import { BootstrapConfigError, parseBootstrapConfig } from '../../src/services/bootstrap/index.ts';
import { assertFieldsFitKind } from '../../src/services/manage/discounts/kind-fields.ts';
import { assertWindowOrdered } from '../../src/services/manage/common/window.ts';

// Issue 15.7: the organiser API and the bootstrap file apply one rule for each thing an
// organiser defines; each reports it its own way. These tests hold the two sides together.

const BASE = `
[conference]
name = "Rules Conf"
start = 2027-05-12
end = 2027-05-14
timezone = "America/New_York"

[[conference.sections]]
name = "Main"
start = 2027-05-12
end = 2027-05-14

[[conference.tickets]]
name = "Early Bird"
price = 100
quantity = 10
`;

function problemsOf(text: string): readonly string[] {
  try {
    parseBootstrapConfig(text);
    return [];
  } catch (error) {
    if (error instanceof BootstrapConfigError) return error.problems;
    throw error;
  }
}

function apiRefuses(check: () => void): boolean {
  try {
    check();
    return false;
  } catch {
    return true;
  }
}

describe('one rule for both the organiser API and the bootstrap file', () => {
  it.each(['SAVE-10', 'early_bird', ' welcome ', 'SAVE!10', 'two words', 'ÄPFEL', 'X'.repeat(101)])(
    'VOU-10 the voucher code %j is accepted by both or by neither',
    (code) => {
      const api = createVoucherBody.shape.code.safeParse(code).success;
      const file = problemsOf(`${BASE}[[conference.vouchers]]\ncode = ${JSON.stringify(code)}\n`);
      const fileAccepts = !file.some((problem) => problem.includes('.code:'));
      expect(fileAccepts).toBe(api);
    },
  );

  // TOML key → organiser API field, with a value of each.
  const KEYS: ReadonlyArray<[string, string, string, unknown]> = [
    ['type', '"fixed_amount"', 'discountType', 'fixed_amount'],
    ['max_quantity', '1', 'maxQuantity', 1],
    ['tickets', '["early-bird"]', 'ticketTypeIds', []],
    ['addons', '[]', 'addonIds', []],
    ['starts', '2027-01-01', 'startTime', new Date('2027-01-01T00:00:00Z')],
    ['ends', '2027-02-01', 'endTime', new Date('2027-02-01T00:00:00Z')],
    ['limit', '5', 'usageLimit', 5],
    ['is_presenter', 'true', 'isPresenter', true],
    ['is_copresenter', 'true', 'isCopresenter', true],
    ['groups', '["staff"]', 'groupIds', []],
    ['enabling_tickets', '["early-bird"]', 'enablingTicketTypeIds', []],
    ['apply_to_tickets', 'true', 'applyToTickets', true],
    ['apply_to_addons', 'false', 'applyToAddons', false],
  ];

  it('COND-1..9 every kind refuses the same fields in the file and through the API', () => {
    const disagreements: string[] = [];
    for (const kind of CONDITION_KINDS) {
      for (const [key, toml, field, value] of KEYS) {
        const file = problemsOf(
          `${BASE}[[conference.discounts]]\nkind = "${kind}"\nname = "D"\n${key} = ${toml}\n`,
        );
        const fileRefuses = file.some((p) =>
          p.endsWith(`.${key}: does not apply to ${kind} discounts`),
        );
        const refused = apiRefuses(() => assertFieldsFitKind(kind, { kind, [field]: value }));
        if (fileRefuses !== refused)
          disagreements.push(`${kind}.${key}: file ${fileRefuses}, API ${refused}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('D3.5 a window may start and end at the same instant, never end first, on both sides', () => {
    const at = new Date('2027-01-01T00:00:00Z');
    const later = new Date('2027-01-02T00:00:00Z');
    const fields = { fromField: 'availableFrom', untilField: 'availableUntil' };
    expect(apiRefuses(() => assertWindowOrdered(at, at, fields))).toBe(false);
    expect(apiRefuses(() => assertWindowOrdered(later, at, fields))).toBe(true);
    const ticket = (window: string) =>
      problemsOf(BASE.replace('quantity = 10', `quantity = 10\navailable = ${window}`));
    expect(ticket('{ opens = 2027-01-01T00:00:00Z, closes = 2027-01-01T00:00:00Z }')).toEqual([]);
    expect(ticket('{ opens = 2027-01-02T00:00:00Z, closes = 2027-01-01T00:00:00Z }')).toEqual([
      'conference.tickets[0] (early-bird).available.closes: must not be before opens',
    ]);
  });

  it('counts fit a PostgreSQL integer in the file as through the API', () => {
    const tooMany = 2_147_483_648;
    expect(patchTicketTypeBody.safeParse({ totalQuantity: tooMany }).success).toBe(false);
    expect(problemsOf(BASE.replace('quantity = 10', `quantity = ${tooMany}`))).toEqual([
      'conference.tickets[0] (early-bird).quantity: must be at most 2147483647',
    ]);
  });
});
