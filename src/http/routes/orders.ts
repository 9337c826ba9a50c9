import type { FastifyInstance } from 'fastify';
import { RATE_LIMITS } from '../plugins/abuse.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { placeOrder } from '../../services/checkout/index.ts';
import { listUsableCredits } from '../../services/credits/index.ts';
import { getBuyerOrderOrThrow, listBuyerOrders } from '../../services/orders/index.ts';
import { cancelBuyerOrder } from '../../services/payments/index.ts';
import { conferenceOf, requireUser } from '../plugins/auth.ts';
import { presentOrderDetail, presentOrderSummary } from '../presenters/orders.ts';
import { errorResponse, isoDateTime, slugParam } from '../schemas/common.ts';
import {
  checkoutBody,
  checkoutHeaders,
  orderDetailView,
  orderSummaryView,
  referenceParams,
} from '../schemas/orders.ts';

const failures = { 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse };

export async function orderRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, stripe, now, kernel } = app.deps;

  r.post(
    '/api/v1/conferences/:slug/checkout',
    {
      schema: {
        tags: ['checkout'],
        summary: 'Turn the cart into a pending order that holds its stock',
        params: slugParam,
        headers: checkoutHeaders,
        body: checkoutBody,
        response: { 200: orderDetailView, 201: orderDetailView, ...failures },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      const { billingName, billingEmail, billingCompany, expectedTotal, answers, useCredit } =
        request.body;
      const result = await placeOrder(db, kernel, {
        buyerId: user.id,
        conference,
        billing: { name: billingName, email: billingEmail, company: billingCompany },
        expectedTotal,
        idempotencyKey: request.headers['idempotency-key'],
        answers,
        useCredit,
        now: now(),
      });
      return reply.status(result.replayed ? 200 : 201).send(presentOrderDetail(result.detail));
    },
  );

  r.get(
    '/api/v1/conferences/:slug/orders',
    {
      schema: {
        tags: ['orders'],
        params: slugParam,
        response: { 200: z.object({ orders: z.array(orderSummaryView) }), ...failures },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      return {
        orders: (await listBuyerOrders(db, user.id, conference.id)).map(presentOrderSummary),
      };
    },
  );

  r.get(
    '/api/v1/conferences/:slug/orders/:reference',
    {
      schema: {
        tags: ['orders'],
        params: referenceParams,
        response: { 200: orderDetailView, ...failures, 429: errorResponse },
      },
      config: { rateLimit: RATE_LIMITS.codeLookup },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      return presentOrderDetail(
        await getBuyerOrderOrThrow(db, user.id, conference.id, request.params.reference),
      );
    },
  );

  r.post(
    '/api/v1/conferences/:slug/orders/:reference/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel a pending order that has received no payment',
        description:
          'Gives back any store credit it used and cancels its card payment. An order that has received a payment answers 409 ORDER_HAS_PAYMENTS: the organiser cancels and refunds it.',
        params: referenceParams,
        response: { 200: orderDetailView, ...failures },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      await cancelBuyerOrder(db, stripe, {
        buyerId: user.id,
        conference,
        reference: request.params.reference,
        now: now(),
      });
      return presentOrderDetail(
        await getBuyerOrderOrThrow(db, user.id, conference.id, request.params.reference),
      );
    },
  );

  r.get(
    '/api/v1/conferences/:slug/credits',
    {
      schema: {
        tags: ['orders'],
        summary: 'Store credit the buyer can spend here',
        params: slugParam,
        response: {
          200: z.object({
            credits: z.array(
              z.object({
                id: z.uuid(),
                amount: z.number().int(),
                remaining: z.number().int(),
                expiresAt: isoDateTime.nullable(),
              }),
            ),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      const balances = await listUsableCredits(db, user.id, conference.id, now());
      return {
        credits: balances.map((b) => ({
          id: b.credit.id,
          amount: b.credit.amount,
          remaining: b.remaining,
          expiresAt: b.credit.expiresAt,
        })),
      };
    },
  );
}
