import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../plugins/access.ts';
import { grantCredit } from '../../services/credits/index.ts';
import { recordStaffPayment, setStripeCredentials } from '../../services/payments/index.ts';
import { createRefund } from '../../services/refunds/index.ts';
import { errorResponse, isoDateTime, slugParam } from '../schemas/common.ts';
import { manageFailures } from '../schemas/manage-common.ts';
import { referenceParams } from '../schemas/orders.ts';
import {
  grantCreditBody,
  idempotencyHeaders,
  refundBody,
  refundView,
  staffPaymentBody,
  stripeCredentialsBody,
} from '../schemas/payments.ts';
import { conferenceOf } from '../plugins/auth.ts';

const BASE = '/api/v1/conferences/:slug/manage';
const tags = ['manage'];
const failures = { ...manageFailures, 409: errorResponse, 422: errorResponse, 502: errorResponse };

export async function managePaymentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, stripe, secretBox, now } = app.deps;

  r.post(
    `${BASE}/orders/:reference/payments`,
    {
      schema: {
        tags,
        summary: 'Record a manual payment or comp the balance',
        params: referenceParams,
        body: staffPaymentBody,
        response: {
          201: z.object({ orderStatus: z.string(), outcome: z.string() }),
          ...failures,
        },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      const body = request.body;
      const result = await recordStaffPayment(db, {
        conference,
        reference: request.params.reference,
        method: body.method,
        amount: body.method === 'manual' ? body.amount : undefined,
        externalReference: body.reference,
        note: body.note,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      return reply
        .status(201)
        .send({ orderStatus: result.order.status, outcome: result.outcome.kind });
    },
  );

  r.post(
    `${BASE}/orders/:reference/refunds`,
    {
      schema: {
        tags,
        summary: 'Refund to card or store credit, by amount or by cancelling lines',
        params: referenceParams,
        headers: idempotencyHeaders,
        body: refundBody,
        response: { 200: refundView, 201: refundView, ...failures },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      const result = await createRefund(db, stripe, {
        conference,
        reference: request.params.reference,
        amount: request.body.amount,
        lines: request.body.lines,
        destination: request.body.destination,
        reason: request.body.reason,
        idempotencyKey: request.headers['idempotency-key'],
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      const { refund } = result;
      return reply.status(result.replayed ? 200 : 201).send({
        id: refund.id,
        amount: refund.amount,
        destination: refund.destination,
        status: refund.status,
        reason: refund.reason,
        failureMessage: refund.failureMessage,
        replayed: result.replayed,
        orderStatus: result.order.status,
      });
    },
  );

  r.put(
    `${BASE}/stripe`,
    {
      schema: {
        tags,
        summary: 'Set the conference’s Stripe keys (stored encrypted)',
        params: slugParam,
        body: stripeCredentialsBody,
        response: {
          200: z.object({
            secretKey: z.string(),
            publishableKey: z.string(),
            webhookSecret: z.string(),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      return setStripeCredentials(db, secretBox, conference.id, request.body, now(), {
        actor: requireActor(request),
        ip: request.ip,
      });
    },
  );

  r.post(
    `${BASE}/credits`,
    {
      schema: {
        tags,
        summary: 'Grant store credit to an account',
        params: slugParam,
        body: grantCreditBody,
        response: {
          201: z.object({
            id: z.uuid(),
            amount: z.number().int(),
            currency: z.string(),
            expiresAt: isoDateTime.nullable(),
          }),
          ...failures,
        },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      const credit = await grantCredit(db, {
        conference,
        ...request.body,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      return reply.status(201).send({
        id: credit.id,
        amount: credit.amount,
        currency: credit.currency,
        expiresAt: credit.expiresAt,
      });
    },
  );
}
