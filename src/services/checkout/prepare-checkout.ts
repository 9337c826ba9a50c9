import type { Database } from '../../db/client.ts';
import type { Cart, Conference } from '../../db/schema/index.ts';
import type { BuyerFacts, PricingCondition, PricingVoucher } from '../../domain/pricing/index.ts';
import { isConferenceOnSale } from '../../domain/sale-state.ts';
import {
  assertCartOpen,
  cartErrors,
  openCartRead,
  loadCartVoucher,
  type CartLine,
} from '../cart/index.ts';
import { pricingInputsRead } from '../pricing/index.ts';
import { activeQuestionsRead } from '../attendees/index.ts';
import { readTogether } from '../../db/read-together.ts';
import { requestFingerprint } from '../../domain/idempotency.ts';
import { validateAnswers, type AnswerValue } from './answers.ts';
import type { Billing } from './write-order.ts';

export interface CheckoutRequest {
  buyerId: string;
  conference: Conference;
  billing: Billing;
  expectedTotal?: number | undefined;
  idempotencyKey?: string | undefined;
  answers?: Readonly<Record<string, AnswerValue>> | undefined;
  useCredit?: boolean | undefined;
  now: Date;
}

/** What an Idempotency-Key stands for at checkout: the buyer's form, not the time it was sent. */
export function checkoutFingerprint(request: CheckoutRequest): string | null {
  if (!request.idempotencyKey) return null;
  const { billing, expectedTotal, answers, useCredit } = request;
  return requestFingerprint({
    billing,
    expectedTotal: expectedTotal ?? null,
    answers: answers ?? {},
    useCredit: useCredit ?? false,
  });
}

/** Everything checkout reads before its transaction, so the locked part only counts and writes. */
export interface PreparedCheckout {
  request: CheckoutRequest;
  cart: Cart;
  lines: CartLine[];
  answers: Record<string, AnswerValue>;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
  buyer: BuyerFacts;
}

/** The cheap checks and loads of CHK-2, outside any transaction (STYLE §4). */
export async function prepareCheckout(
  db: Database,
  request: CheckoutRequest,
): Promise<PreparedCheckout> {
  if (!isConferenceOnSale(request.conference, request.now)) throw cartErrors('CONFERENCE_CLOSED');
  const { buyerId, conference, now } = request;
  // One round trip for everything that does not depend on the cart's contents.
  const { open, questions, pricing } = await readTogether(db, {
    open: openCartRead(buyerId, conference.id),
    questions: activeQuestionsRead({ conferenceId: conference.id }),
    pricing: pricingInputsRead(conference.id, buyerId, now),
  });
  if (!open) throw cartErrors('CART_EMPTY');
  const { cart, lines } = open;
  assertCartOpen(cart, now);
  if (lines.length === 0) throw cartErrors('CART_EMPTY');
  const answers = validateAnswers(questions, request.answers ?? {});
  const voucher = await loadCartVoucher(db, cart, now);
  const { conditions, buyer } = pricing;
  return { request, cart, lines, answers, voucher, conditions, buyer };
}
