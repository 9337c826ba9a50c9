import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getBuyerOrderOrThrow } from '../../services/orders/index.ts';
import {
  confirmCardPayment,
  payWithCredit,
  startCardPayment,
} from '../../services/payments/index.ts';
import { conferenceOf, requireUser } from '../plugins/auth.ts';
import { presentOrderDetail } from '../presenters/orders.ts';
import { errorResponse } from '../schemas/common.ts';
import { orderDetailView, referenceParams } from '../schemas/orders.ts';
import { cardPaymentView, cardStateView, confirmCardBody } from '../schemas/payments.ts';

const failures = {
  400: errorResponse,
  401: errorResponse,
  404: errorResponse,
  409: errorResponse,
  502: errorResponse,
};

export async function paymentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, stripe, now } = app.deps;

  r.post(
    '/api/v1/conferences/:slug/orders/:reference/payments/card',
    {
      schema: {
        tags: ['payments'],
        summary: 'Start (or resume) paying a pending order by card',
        description:
          'Returns the PaymentIntent client secret. Calling again returns the same intent while the amount due is unchanged.',
        params: referenceParams,
        response: { 200: cardPaymentView, ...failures },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      return startCardPayment(db, stripe, {
        buyerId: user.id,
        conference,
        reference: request.params.reference,
        now: now(),
      });
    },
  );

  r.post(
    '/api/v1/conferences/:slug/orders/:reference/payments/card/confirm',
    {
      schema: {
        tags: ['payments'],
        summary: 'Browser return: look at the PaymentIntent now instead of waiting for the webhook',
        params: referenceParams,
        body: confirmCardBody,
        response: { 200: cardStateView, ...failures },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      return confirmCardPayment(db, stripe, {
        buyerId: user.id,
        conference,
        reference: request.params.reference,
        paymentIntentId: request.body.paymentIntentId,
        now: now(),
      });
    },
  );

  r.post(
    '/api/v1/conferences/:slug/orders/:reference/payments/credit',
    {
      schema: {
        tags: ['payments'],
        summary: 'Pay what store credit covers on a pending order',
        params: referenceParams,
        response: { 200: orderDetailView, ...failures },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      await payWithCredit(db, {
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
}
