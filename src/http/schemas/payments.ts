import { z } from 'zod';
import { dateTimeInput, moneyInput, textInput } from './manage-common.ts';

export const cardPaymentView = z.object({
  paymentIntentId: z.string(),
  clientSecret: z.string().describe('For Stripe.js / the Payment Element'),
  publishableKey: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  testMode: z.boolean().describe('TEST MODE: pay with a test card, no money moves'),
});

export const confirmCardBody = z.object({
  paymentIntentId: z.string().min(3).max(255),
});

export const cardStateView = z.object({
  state: z.enum(['succeeded', 'processing', 'requires_action', 'failed', 'cancelled']),
  message: z.string(),
});

export const staffPaymentBody = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('manual'),
    amount: moneyInput.min(1, 'must be at least 1 minor unit'),
    reference: textInput(200).default('').describe('Receipt, wire or cheque reference'),
    note: textInput(2000).default(''),
  }),
  z.object({
    method: z.literal('comp'),
    reference: textInput(200).default(''),
    note: textInput(2000).min(1, 'say why the balance is waived'),
  }),
]);

export const refundBody = z
  .object({
    amount: moneyInput.min(1, 'must be at least 1 minor unit').optional(),
    lines: z
      .array(
        z.object({
          orderLineId: z.uuid('must be a UUID'),
          quantity: z.number().int().min(1).max(10_000),
        }),
      )
      .max(200)
      .optional(),
    destination: z.enum(['card', 'credit']),
    reason: textInput(500).default(''),
  })
  .refine((body) => body.amount !== undefined || (body.lines?.length ?? 0) > 0, {
    message: 'give an amount, lines to cancel, or both',
  });

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .describe(
      'Required. One key per refund: sent again with the same request it returns the first refund (200); with a different request it is refused with 422 IDEMPOTENCY_KEY_REUSED',
    ),
});

export const refundView = z.object({
  id: z.uuid(),
  amount: z.number().int(),
  destination: z.enum(['card', 'credit']),
  status: z.enum(['pending', 'succeeded', 'failed']),
  reason: z.string(),
  failureMessage: z.string(),
  replayed: z.boolean(),
  orderStatus: z.string(),
});

export const stripeCredentialsBody = z.object({
  secretKey: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'must be a Stripe secret key'),
  publishableKey: z
    .string()
    .regex(/^pk_(test|live)_[A-Za-z0-9]+$/, 'must be a Stripe publishable key'),
  webhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9]+$/, 'must be a Stripe webhook signing secret'),
});

export const grantCreditBody = z.object({
  email: z.email().max(254),
  amount: moneyInput.min(1, 'must be at least 1 minor unit'),
  note: textInput(500).default(''),
  expiresAt: dateTimeInput.optional(),
});
