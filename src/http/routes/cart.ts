import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addItemToCart,
  applyVoucher,
  cartViewOf,
  removeCartItem,
  removeVoucher,
  setCartItemQuantity,
  viewCart,
} from '../../services/cart/index.ts';
import { conferenceOf, requireUser } from '../plugins/auth.ts';
import { presentCart } from '../presenters/cart.ts';
import {
  addItemBody,
  cartView,
  itemParams,
  setQuantityBody,
  voucherBody,
} from '../schemas/cart.ts';
import { RATE_LIMITS } from '../plugins/abuse.ts';
import { errorResponse, slugParam } from '../schemas/common.ts';

const responses = {
  200: cartView,
  400: errorResponse,
  401: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

export async function cartRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  /** Who and where, resolved the same way for every cart route. */
  async function context(request: FastifyRequest, slug: string) {
    const user = requireUser(request);
    const conference = await conferenceOf(request, slug);
    return { userId: user.id, conference, now: now() };
  }

  const reply = async (ctx: Awaited<ReturnType<typeof context>>) =>
    presentCart(await viewCart(db, ctx.userId, ctx.conference, ctx.now));

  r.get(
    '/api/v1/conferences/:slug/cart',
    { schema: { tags: ['cart'], params: slugParam, response: responses } },
    async (request) => reply(await context(request, request.params.slug)),
  );

  r.post(
    '/api/v1/conferences/:slug/cart/items',
    {
      schema: {
        tags: ['cart'],
        summary: 'Add a ticket or add-on',
        params: slugParam,
        body: addItemBody,
        response: responses,
      },
    },
    async (request) => {
      const ctx = await context(request, request.params.slug);
      const { ticketTypeId, addonId, quantity } = request.body;
      const kind = ticketTypeId ? 'ticket' : 'addon';
      const state = await addItemToCart(db, {
        ...ctx,
        kind,
        productId: ticketTypeId ?? addonId ?? '',
        quantity,
      });
      // The add already loaded the cart; the reply prices that instead of reading it all again.
      return presentCart(await cartViewOf(db, state, ctx.userId, ctx.conference));
    },
  );

  r.patch(
    '/api/v1/conferences/:slug/cart/items/:itemId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Set a line quantity; 0 removes it',
        params: itemParams,
        body: setQuantityBody,
        response: responses,
      },
    },
    async (request) => {
      const ctx = await context(request, request.params.slug);
      await setCartItemQuantity(db, {
        ...ctx,
        itemId: request.params.itemId,
        quantity: request.body.quantity,
      });
      return reply(ctx);
    },
  );

  r.delete(
    '/api/v1/conferences/:slug/cart/items/:itemId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Remove a line and add-ons that depended on it',
        params: itemParams,
        response: responses,
      },
    },
    async (request) => {
      const ctx = await context(request, request.params.slug);
      await removeCartItem(db, { ...ctx, itemId: request.params.itemId });
      return reply(ctx);
    },
  );

  r.put(
    '/api/v1/conferences/:slug/cart/voucher',
    {
      schema: {
        tags: ['cart'],
        summary: 'Apply or replace the voucher',
        params: slugParam,
        body: voucherBody,
        response: { ...responses, 429: errorResponse },
      },
      config: { rateLimit: RATE_LIMITS.voucher },
    },
    async (request) => {
      const ctx = await context(request, request.params.slug);
      await applyVoucher(db, { ...ctx, code: request.body.code });
      return reply(ctx);
    },
  );

  r.delete(
    '/api/v1/conferences/:slug/cart/voucher',
    { schema: { tags: ['cart'], params: slugParam, response: responses } },
    async (request) => {
      const ctx = await context(request, request.params.slug);
      await removeVoucher(db, ctx);
      return reply(ctx);
    },
  );
}
