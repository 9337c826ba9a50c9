import { z } from 'zod';
import { isoDateTime } from './common.ts';

export const orderSummaryView = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled']),
  currency: z.string(),
  subtotal: z.number().int(),
  discountAmount: z.number().int(),
  total: z.number().int(),
  voucherCode: z.string(),
  holdExpiresAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  paidAt: isoDateTime.nullable(),
});

export const orderDetailView = orderSummaryView.extend({
  billingName: z.string(),
  billingEmail: z.string(),
  billingCompany: z.string(),
  accessCode: z.string().nullable().describe('Shown at the door once the order is paid'),
  cancellable: z
    .boolean()
    .describe(
      'The buyer may cancel it: pending and no payment received. Otherwise the organiser cancels and refunds it',
    ),
  lines: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['ticket', 'addon']),
      description: z.string(),
      quantity: z.number().int(),
      unitPrice: z.number().int(),
      conditionDiscount: z.number().int(),
      conditionName: z.string(),
      voucherDiscount: z.number().int(),
      lineTotal: z.number().int(),
      cancelledQuantity: z.number().int().describe('Units refunded and released'),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.uuid(),
      method: z.string(),
      status: z.string(),
      amount: z.number().int(),
      createdAt: isoDateTime,
    }),
  ),
  refunds: z.array(
    z.object({
      id: z.uuid(),
      amount: z.number().int(),
      destination: z.enum(['card', 'credit']),
      status: z.enum(['pending', 'succeeded', 'failed']),
      reason: z.string(),
      createdAt: isoDateTime,
    }),
  ),
});

export const checkoutBody = z.object({
  billingName: z.string().trim().min(1, 'is required').max(200),
  billingEmail: z.email().max(254),
  billingCompany: z.string().trim().max(200).default(''),
  expectedTotal: z.number().int().min(0).optional().describe('The total the buyer saw'),
  useCredit: z.boolean().default(false).describe('Pay what store credit covers'),
  answers: z.record(z.string(), z.union([z.string().max(2000), z.boolean()])).default({}),
});

export const checkoutHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe(
      'Optional. Sent again with the same request it returns the order the key already made (200) instead of a second one; with a different request it is refused with 422 IDEMPOTENCY_KEY_REUSED',
    ),
});

export const referenceParams = z.object({
  slug: z.string().min(1).max(200),
  reference: z.string().min(1).max(40),
});
