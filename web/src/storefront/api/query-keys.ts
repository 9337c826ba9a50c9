import { userKey } from '../../shared/api/query-keys.ts';

/**
 * The storefront's TanStack Query keys. Everything a buyer's session changes (their cart, orders,
 * credit, and the ticket list that a cart voucher unlocks) is keyed by the user.
 */
export const storefrontKeys = {
  cart: (userId: string | null, slug: string) => userKey(userId, 'cart', slug),
  ticketTypes: (userId: string | null, slug: string, voucher: string) =>
    userKey(userId, 'ticket-types', slug, voucher),
  /** Every ticket list of a conference, whatever the voucher: stock changes reach them all. */
  allTicketTypes: (userId: string | null, slug: string) => userKey(userId, 'ticket-types', slug),
  addons: (slug: string) => ['addons', slug] as const,
  questions: (slug: string) => ['questions', slug] as const,
  credits: (userId: string | null, slug: string) => userKey(userId, 'credits', slug),
  orders: (userId: string | null, slug: string) => userKey(userId, 'orders', slug),
  accountOrders: (userId: string | null) => userKey(userId, 'account-orders'),
  order: (userId: string | null, slug: string, reference: string) =>
    userKey(userId, 'order', slug, reference),
  cardPayment: (userId: string | null, slug: string, reference: string) =>
    userKey(userId, 'card-payment', slug, reference),
};
