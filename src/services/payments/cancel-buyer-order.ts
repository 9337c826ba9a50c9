import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import {
  cancelPendingOrders,
  hasReceivedMoney,
  lockBuyerOrderOrThrow,
  orderErrors,
} from '../orders/index.ts';
import { cancelIntentsOfOrder } from './abandoned-intents.ts';

export interface CancelBuyerOrderInput {
  buyerId: string;
  /** The conference of the URL: an order of another conference reads as not found (D6.2). */
  conference: Conference;
  reference: string;
  now: Date;
}

/**
 * ORD-4 under D4.10: the buyer withdraws their own pending order, only while it has received no
 * money (store credit aside, which goes back to them, CRD-4). Under the order lock, so a staff
 * payment or a card success cannot slip in between the check and the cancel. After commit the
 * order's PaymentIntents are cancelled (D4.3); money that still arrives is refunded, never used
 * to revive the order (settleAfterPayment).
 */
export async function cancelBuyerOrder(
  db: Database,
  gateways: PaymentGateways,
  input: CancelBuyerOrderInput,
): Promise<void> {
  const orderId = await withTx(db, async (tx) => {
    const order = await lockBuyerOrderOrThrow(tx, {
      buyerId: input.buyerId,
      conferenceId: input.conference.id,
      reference: input.reference,
    });
    if (order.status !== 'pending')
      throw orderErrors('ORDER_NOT_CANCELLABLE', { status: order.status });
    if (await hasReceivedMoney(tx, order.id))
      throw orderErrors('ORDER_HAS_PAYMENTS', { reference: order.reference });
    await cancelPendingOrders(tx, [order.id], 'buyer', input.now);
    return order.id;
  });
  await cancelIntentsOfOrder(db, gateways, orderId, input.now);
}
