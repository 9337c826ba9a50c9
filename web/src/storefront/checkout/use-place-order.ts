import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, fieldErrorsOf } from '../../shared/api/client.ts';
import { useAction } from '../../shared/hooks/use-action.ts';
import { paths } from '../../shared/routes/paths.ts';
import { useSession } from '../../shared/session/session.tsx';
import { placeOrder } from '../api/orders.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import type { Cart, CheckoutRequest } from '../api/shapes.ts';
import { useConferenceCart } from '../cart/cart-context.tsx';

/** Errors about what is in the cart: shown beside the order summary, which then shows why. */
const CART_ERRORS = new Set([
  'PRICE_CHANGED',
  'CART_CHANGED',
  'CART_EMPTY',
  'CART_EXPIRED',
  'SOLD_OUT',
  'TICKET_STOCK',
  'ADDON_STOCK',
  'TICKET_UNAVAILABLE',
  'ADDON_UNAVAILABLE',
  'CAPACITY_SOLD_OUT',
  'CAPACITY_INSUFFICIENT',
  'PER_USER_LIMIT',
  'VOUCHER_REQUIRED',
  'VOUCHER_SCOPE_MISMATCH',
  'VOUCHER_INVALID',
  'ADDON_PREREQ_MISSING',
  'CONFERENCE_CLOSED',
]);

/** Errors that name form fields: each message goes under its field. */
const FIELD_ERRORS = new Set(['VALIDATION_FAILED', 'ANSWERS_INVALID']);

function newIdempotencyKey(): string {
  return `checkout-${crypto.randomUUID()}`;
}

export type CheckoutInput = Omit<CheckoutRequest, 'expectedTotal'>;

/**
 * Places the order for the total the buyer sees (D3.7), then goes on to payment, or straight to
 * the confirmation when nothing is left to pay. Sorts a refusal by what caused it.
 */
export function usePlaceOrder(slug: string, cart: Cart) {
  const cartState = useConferenceCart();
  // One key per attempt: a double click or a retried request returns the same order (D4.2).
  const idempotencyKey = useRef(newIdempotencyKey());
  const action = useAction();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const userId = useSession().me?.user.id ?? null;

  const place = (input: CheckoutInput) =>
    action.run(async () => {
      try {
        const request = { ...input, expectedTotal: cart.total };
        const order = await placeOrder(slug, request, idempotencyKey.current);
        await cartState.reload();
        // The order took stock and joined the buyer's orders.
        for (const key of [
          storefrontKeys.orders(userId, slug),
          storefrontKeys.accountOrders(userId),
          storefrontKeys.allTicketTypes(userId, slug),
          storefrontKeys.credits(userId, slug),
        ])
          void queryClient.invalidateQueries({ queryKey: key });
        const paid = order.status !== 'pending';
        navigate(
          paid ? paths.confirmation(slug, order.reference) : paths.pay(slug, order.reference),
        );
      } catch (caught) {
        // The server answered, so no order exists for this key: the next attempt gets a new one.
        if (caught instanceof ApiError && caught.status > 0) {
          idempotencyKey.current = newIdempotencyKey();
          if (CART_ERRORS.has(caught.code)) await cartState.reload();
        }
        throw caught;
      }
    });

  const { error } = action;
  const isCartError = error !== null && CART_ERRORS.has(error.code);
  const isFieldError = error !== null && FIELD_ERRORS.has(error.code);
  return {
    place,
    pending: action.pending,
    fields: fieldErrorsOf(error),
    cartError: isCartError ? error : null,
    fieldError: isFieldError ? error : null,
    otherError: error && !isCartError && !isFieldError ? error : null,
  };
}
