import { z } from 'zod';
import { CONDITION_KINDS } from '../../domain/pricing/index.ts';
import { isoDateTime } from './common.ts';
import {
  countInput,
  dateTimeInput,
  idList,
  moneyInput,
  nameInput,
  patchOf,
  percentInput,
  textInput,
} from './manage-common.ts';

const conditionKind = z.enum(CONDITION_KINDS);

const discountType = z.enum(['percentage', 'fixed_amount']);

// COND-1..COND-9; fields a kind does not have are refused by the service, naming them.
const discountFields = {
  kind: conditionKind,
  name: nameInput,
  description: textInput(20_000).optional(),
  isActive: z.boolean().optional(),
  priority: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional(),
  discountType: discountType.optional().describe('Every kind but category_discount'),
  percentOff: percentInput.nullable().optional(),
  amountOff: moneyInput.nullable().optional().describe('Per unit, minor units'),
  maxQuantity: countInput.optional().describe('Units per line; 0 = unlimited'),
  startTime: dateTimeInput.nullable().optional(),
  endTime: dateTimeInput.nullable().optional(),
  usageLimit: countInput.optional().describe('Discounted units overall; 0 = unlimited'),
  isPresenter: z.boolean().optional().describe('speaker only'),
  isCopresenter: z.boolean().optional().describe('speaker only'),
  applyToTickets: z.boolean().optional().describe('category_discount only'),
  applyToAddons: z.boolean().optional().describe('category_discount only'),
  ticketTypeIds: idList.optional().describe('Scope; both lists empty = every product'),
  addonIds: idList.optional(),
  groupIds: idList.optional().describe('group_member only'),
  enablingTicketTypeIds: idList.optional().describe('included_product only'),
};

export const createDiscountBody = z.strictObject(discountFields);
export const patchDiscountBody = patchOf(discountFields);

export const managedDiscountView = z.object({
  id: z.uuid(),
  kind: conditionKind,
  name: z.string(),
  description: z.string(),
  isActive: z.boolean(),
  priority: z.number().int(),
  discountType: discountType.nullable(),
  percentOff: z.number().nullable(),
  amountOff: z.number().int().nullable(),
  maxQuantity: z.number().int().nullable(),
  startTime: isoDateTime.nullable(),
  endTime: isoDateTime.nullable(),
  usageLimit: z.number().int().nullable(),
  unitsUsed: z.number().int().describe('Units discounted by orders holding them (derived)'),
  isPresenter: z.boolean().nullable(),
  isCopresenter: z.boolean().nullable(),
  applyToTickets: z.boolean().nullable(),
  applyToAddons: z.boolean().nullable(),
  ticketTypeIds: z.array(z.uuid()).nullable(),
  addonIds: z.array(z.uuid()).nullable(),
  groupIds: z.array(z.uuid()).nullable(),
  enablingTicketTypeIds: z.array(z.uuid()).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
