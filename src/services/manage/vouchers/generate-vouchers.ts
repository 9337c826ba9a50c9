import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { vouchers, type Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { invalidField } from '../common/field-errors.ts';
import { manageErrors } from '../errors.ts';
import { normaliseVoucherCode, pickUniqueCodes } from './codes.ts';
import { voucherViews, type ManagedVoucher } from './list-vouchers.ts';
import { VOUCHER_CODE_UNIQUE, voucherColumns } from './voucher-columns.ts';
import type { VoucherSettings } from './voucher-fields.ts';
import { replaceVoucherScope } from './voucher-scope.ts';

/** VOU-9 limits. */
export const MAX_BULK_VOUCHERS = 500;
export const MAX_CODE_PREFIX_LENGTH = 20;

export interface BulkVoucherInput extends VoucherSettings {
  /** May be empty; stored upper-case like every code (VOU-10 overrides VOU-9's "verbatim"). */
  prefix: string;
  count: number;
}

function assertBulkShape(input: BulkVoucherInput, prefix: string): void {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BULK_VOUCHERS) {
    throw invalidField('count', `must be between 1 and ${MAX_BULK_VOUCHERS} (got ${input.count})`);
  }
  if (prefix.length > MAX_CODE_PREFIX_LENGTH) {
    throw invalidField('prefix', `must be at most ${MAX_CODE_PREFIX_LENGTH} characters`);
  }
}

async function codesStartingWith(db: Database, conferenceId: string, prefix: string) {
  const rows = await db
    .select({ code: vouchers.code })
    .from(vouchers)
    .where(
      and(eq(vouchers.conferenceId, conferenceId), sql`starts_with(${vouchers.code}, ${prefix})`),
    );
  return new Set(rows.map((row) => row.code));
}

/**
 * VOU-9: `count` vouchers with the same settings and scope, all in one transaction. Codes avoid
 * every existing code; a concurrent writer that wins a code fails the whole batch through the
 * unique index (409), and nothing is half-created.
 */
export async function generateVouchers(
  db: Database,
  conference: Conference,
  input: BulkVoucherInput,
  now: Date,
): Promise<ManagedVoucher[]> {
  const prefix = normaliseVoucherCode(input.prefix);
  assertBulkShape(input, prefix);
  const columns = voucherColumns(input, null);
  const created = await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const taken = await codesStartingWith(tx, conference.id, prefix);
        const codes = pickUniqueCodes(prefix, input.count, taken);
        const rows = await tx
          .insert(vouchers)
          .values(codes.map((code) => ({ ...columns, code, conferenceId: conference.id })))
          .returning();
        await replaceVoucherScope(
          tx,
          conference.id,
          rows.map((row) => row.id),
          input,
        );
        return rows;
      }),
    {
      [VOUCHER_CODE_UNIQUE]: () =>
        manageErrors(
          'VOUCHER_CODE_TAKEN',
          { prefix },
          'Another voucher took one of the generated codes at the same moment. Please try again.',
        ),
    },
  );
  const views = await voucherViews(db, created, now);
  return views.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
