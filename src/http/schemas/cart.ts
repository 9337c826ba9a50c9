import { z } from 'zod';
import { isoDateTime } from './common.ts';

const traceStep = z.object({
  kind: z.enum(['condition', 'voucher']),
  ruleId: z.string(),
  ruleName: z.string(),
  amountOff: z.number().int(),
  reasonCode: z.string(),
});

export const pricedLineView = z.object({
  itemId: z.uuid(),
  kind: z.enum(['ticket', 'addon']),
  productId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  subtotal: z.number().int(),
  conditionDiscount: z.number().int(),
  conditionName: z.string().nullable(),
  voucherDiscount: z.number().int(),
  total: z.number().int(),
  trace: z.array(traceStep).describe('Why each discount applied'),
});

export const cartView = z.object({
  id: z.uuid(),
  status: z.string(),
  expiresAt: isoDateTime.nullable(),
  currency: z.string(),
  voucher: z
    .object({
      code: z.string(),
      status: z.enum(['applied', 'not_applicable', 'invalid']),
      reasonCode: z.string().nullable(),
      discount: z.number().int(),
    })
    .nullable(),
  lines: z.array(pricedLineView),
  subtotal: z.number().int(),
  conditionDiscount: z.number().int(),
  voucherDiscount: z.number().int(),
  discount: z.number().int(),
  total: z.number().int(),
  problems: z.array(z.object({ itemId: z.uuid(), code: z.string(), message: z.string() })),
});

export const addItemBody = z
  .object({
    ticketTypeId: z.uuid().optional(),
    addonId: z.uuid().optional(),
    quantity: z.number().int().min(1).max(100).default(1),
  })
  .refine((b) => (b.ticketTypeId === undefined) !== (b.addonId === undefined), {
    message: 'give exactly one of ticketTypeId or addonId',
  });

export const itemParams = z.object({ slug: z.string().min(1).max(200), itemId: z.uuid() });

export const setQuantityBody = z.object({ quantity: z.number().int().min(0).max(100) });

export const voucherBody = z.object({ code: z.string().trim().min(1).max(100) });
