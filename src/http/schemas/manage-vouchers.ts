import { z } from 'zod';
import { MAX_BULK_VOUCHERS, MAX_CODE_PREFIX_LENGTH } from '../../services/manage/index.ts';
import {
  VOUCHER_CODE_CHARACTERS,
  VOUCHER_CODE_MAX_LENGTH,
  VOUCHER_CODE_PATTERN,
  VOUCHER_PREFIX_PATTERN,
} from '../../domain/offer-rules.ts';
import { isoDateTime } from './common.ts';
import {
  countInput,
  dateTimeInput,
  idList,
  moneyInput,
  patchOf,
  percentInput,
  textInput,
} from './manage-common.ts';

const voucherKind = z.enum(['comp', 'percentage', 'fixed_amount']);

// VOU-1 settings shared by single and bulk creation.
const settingsFields = {
  kind: voucherKind.optional().describe('Default comp'),
  percentOff: percentInput.nullable().optional().describe('Required for percentage vouchers'),
  amountOff: moneyInput.nullable().optional().describe('Minor units; fixed_amount vouchers only'),
  maxUses: countInput.optional().describe('Orders that may use it; 0 = never valid; default 1'),
  validFrom: dateTimeInput.nullable().optional(),
  validUntil: dateTimeInput.nullable().optional(),
  unlocksHiddenTickets: z.boolean().optional(),
  isActive: z.boolean().optional(),
  note: textInput(2_000).optional(),
  ticketTypeIds: idList.optional().describe('Scope; both lists empty = every product'),
  addonIds: idList.optional(),
};

const voucherFields = {
  code: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(VOUCHER_CODE_MAX_LENGTH)
    .regex(VOUCHER_CODE_PATTERN, VOUCHER_CODE_CHARACTERS)
    .describe('Stored upper-case; unique per conference ignoring case'),
  ...settingsFields,
};

export const createVoucherBody = z.strictObject(voucherFields);
export const patchVoucherBody = patchOf(voucherFields);

export const bulkVoucherBody = z.strictObject({
  prefix: z
    .string()
    .trim()
    .max(MAX_CODE_PREFIX_LENGTH, `must be at most ${MAX_CODE_PREFIX_LENGTH} characters`)
    .regex(VOUCHER_PREFIX_PATTERN, VOUCHER_CODE_CHARACTERS)
    .default(''),
  count: z
    .number()
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_BULK_VOUCHERS}`)
    .max(MAX_BULK_VOUCHERS, `must be between 1 and ${MAX_BULK_VOUCHERS}`),
  ...settingsFields,
});

export const voucherListQuery = z.strictObject({
  q: textInput(100).trim().optional().describe('Code prefix, case-insensitive'),
  active: z.stringbool().optional().describe("Filter on the voucher's own on/off switch"),
});

export const managedVoucherView = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: voucherKind,
  percentOff: z.number().nullable(),
  amountOff: z.number().int().nullable(),
  maxUses: z.number().int(),
  usesCount: z.number().int().describe('Orders holding a use (derived from orders)'),
  validFrom: isoDateTime.nullable(),
  validUntil: isoDateTime.nullable(),
  unlocksHiddenTickets: z.boolean(),
  isActive: z.boolean(),
  note: z.string(),
  ticketTypeIds: z.array(z.uuid()),
  addonIds: z.array(z.uuid()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
