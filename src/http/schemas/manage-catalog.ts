import { z } from 'zod';
import { isoDateTime } from './common.ts';
import {
  countInput,
  dateTimeInput,
  idList,
  moneyInput,
  nameInput,
  patchOf,
  textInput,
} from './manage-common.ts';

const saleState = z.enum([
  'on_sale',
  'sold_out',
  'not_yet_on_sale',
  'sales_ended',
  'inactive',
  'conference_closed',
]);

// CAT-1 / CAT-4 fields both products share.
const productFields = {
  name: nameInput,
  slug: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200)
    .optional()
    .describe('Derived from the name when omitted; unique per conference'),
  description: textInput(20_000).optional(),
  price: moneyInput.describe('Unit price in minor units'),
  availableFrom: dateTimeInput.nullable().optional(),
  availableUntil: dateTimeInput.nullable().optional(),
  totalQuantity: countInput.optional().describe('Stock; 0 = unlimited'),
  isActive: z.boolean().optional(),
  bulkEnabled: z.boolean().optional(),
  sortOrder: countInput.optional().describe('Display order, ascending'),
};

const ticketTypeFields = {
  ...productFields,
  limitPerUser: countInput.optional().describe('Units one buyer may hold (default 10)'),
  requiresVoucher: z.boolean().optional().describe('Hidden unless a voucher unlocks it'),
};

const addonFields = {
  ...productFields,
  requiresTicketTypeIds: idList
    .optional()
    .describe('Ticket types of this conference; empty = available with any ticket or none'),
};

export const createTicketTypeBody = z.strictObject(ticketTypeFields);
export const patchTicketTypeBody = patchOf(ticketTypeFields);
export const createAddonBody = z.strictObject(addonFields);
export const patchAddonBody = patchOf(addonFields);

const productView = {
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  currency: z.string(),
  availableFrom: isoDateTime.nullable(),
  availableUntil: isoDateTime.nullable(),
  totalQuantity: z.number().int().describe('0 = unlimited'),
  isActive: z.boolean(),
  bulkEnabled: z.boolean(),
  sortOrder: z.number().int(),
  sold: z.number().int().describe('Units counted against stock (paid, part-refunded, held)'),
  remaining: z.number().int().nullable().describe('null = unlimited; negative when oversold'),
  saleState,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};

export const managedTicketTypeView = z.object({
  ...productView,
  limitPerUser: z.number().int(),
  requiresVoucher: z.boolean(),
});

export const managedAddonView = z.object({
  ...productView,
  requiresTicketTypeIds: z.array(z.uuid()),
});
