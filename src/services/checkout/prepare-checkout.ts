import type { Database } from '../../db/client.ts';
import type { Cart, Conference } from '../../db/schema/index.ts';
import type { LockKey } from '../../db/locks.ts';
import type { BuyerFacts, PricingCondition, PricingVoucher } from '../../domain/pricing/index.ts';
import { isConferenceOnSale } from '../../domain/sale-state.ts';
import {
  assertCartOpen,
  cartErrors,
  findOpenCartWithLines,
  loadCartVoucher,
  type CartLine,
} from '../cart/index.ts';
import { loadPricingInputs } from '../pricing/index.ts';
import { validateAnswers, type AnswerValue } from './answers.ts';
import { consumptionKeys } from './consumption-keys.ts';
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

/** Everything checkout reads before its transaction, so the locked part only counts and writes. */
export interface PreparedCheckout {
  request: CheckoutRequest;
  cart: Cart;
  lines: CartLine[];
  answers: Record<string, AnswerValue>;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
  buyer: BuyerFacts;
  keys: LockKey[];
}

/** The cheap checks and loads of CHK-2, outside any transaction (STYLE §4). */
export async function prepareCheckout(
  db: Database,
  request: CheckoutRequest,
): Promise<PreparedCheckout> {
  if (!isConferenceOnSale(request.conference, request.now)) throw cartErrors('CONFERENCE_CLOSED');
  const open = await findOpenCartWithLines(db, request.buyerId, request.conference.id);
  if (!open) throw cartErrors('CART_EMPTY');
  const { cart, lines } = open;
  assertCartOpen(cart, request.now);
  if (lines.length === 0) throw cartErrors('CART_EMPTY');
  const answers = await validateAnswers(db, request.conference.id, request.answers ?? {});
  const [voucher, { conditions, buyer }] = await Promise.all([
    loadCartVoucher(db, cart, request.now),
    loadPricingInputs(db, request.conference.id, request.buyerId, request.now),
  ]);
  const limited = conditions.filter((c) => c.usageLimit > 0);
  const keys = consumptionKeys(
    request.conference,
    request.buyerId,
    lines,
    voucher,
    limited,
    request.useCredit ?? false,
  );
  return { request, cart, lines, answers, voucher, conditions, buyer, keys };
}
