import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orders, payments } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { normaliseCode } from '../../domain/codes.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import { sendCardRefund } from '../refunds/send-card-refund.ts';
import { recordCardFailure, recordCardSuccess, successOfIntent } from './card-events.ts';
import { paymentErrors } from './errors.ts';
import { callGateway } from './gateway-calls.ts';
import type { Conference } from '../../db/schema/index.ts';

export interface ConfirmCardPaymentInput {
  buyerId: string;
  conference: Conference;
  reference: string;
  paymentIntentId: string;
  now: Date;
}

export type CardPaymentState =
  'succeeded' | 'processing' | 'requires_action' | 'failed' | 'cancelled';

/**
 * The browser return: the buyer's page asks us to look at the intent now instead of waiting for
 * the webhook. It reads the intent from Stripe (outside any transaction) and applies exactly what
 * the webhook would, so the two may race freely (D4.4, one email).
 */
export async function confirmCardPayment(
  db: Database,
  gateways: PaymentGateways,
  input: ConfirmCardPaymentInput,
): Promise<{ state: CardPaymentState; message: string }> {
  const [mine] = await db
    .select({ paymentId: payments.id })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(
      and(
        eq(payments.stripePaymentIntentId, input.paymentIntentId),
        eq(orders.reference, normaliseCode(input.reference)),
        eq(orders.userId, input.buyerId),
        eq(orders.conferenceId, input.conference.id),
      ),
    );
  if (!mine) throw paymentErrors('PAYMENT_NOT_FOUND', { paymentIntentId: input.paymentIntentId });
  const gateway = await gateways.forConference(input.conference);
  if (!gateway) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');
  const intent = await callGateway(() => gateway.retrieveIntent(input.paymentIntentId));
  if (intent.status === 'succeeded') {
    const result = await withTx(db, (tx) =>
      recordCardSuccess(tx, input.conference.id, successOfIntent(intent), input.now),
    );
    if (result.kind === 'settled' && result.refundToSend)
      await sendCardRefund(db, gateways, result.refundToSend, input.now);
    return { state: 'succeeded', message: '' };
  }
  if (intent.status === 'cancelled')
    return { state: 'cancelled', message: 'This payment was cancelled.' };
  if (intent.status === 'processing' || intent.status === 'authorised')
    return { state: 'processing', message: '' };
  if (intent.lastFailure) {
    await withTx(db, (tx) => recordCardFailure(tx, intent, input.now));
    return {
      state: 'failed',
      message: intent.lastFailure.message ?? 'The card was declined.',
    };
  }
  return { state: 'requires_action', message: '' };
}
