import { expandFields } from '../objects/expand.ts';
import { createRefund } from '../operations/refunds.ts';
import {
  applyMetadata,
  assertKnownParams,
  expandList,
  optionalEnum,
  optionalMetadata,
  optionalPositiveInteger,
  optionalString,
} from '../params.ts';
import { getRefundOrThrow } from '../store.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

const CREATE_PARAMS = [
  'payment_intent',
  'charge',
  'amount',
  'reason',
  'metadata',
  'instructions_email',
  'expand',
];

function create(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, CREATE_PARAMS);
  const paymentIntent = optionalString(params, 'payment_intent');
  const charge = optionalString(params, 'charge');
  const amount = optionalPositiveInteger(params, 'amount');
  const refund = createRefund(ctx, {
    ...(paymentIntent ? { paymentIntent } : {}),
    ...(charge ? { charge } : {}),
    ...(amount !== undefined ? { amount } : {}),
    reason:
      optionalEnum(params, 'reason', [
        'duplicate',
        'fraudulent',
        'requested_by_customer',
      ] as const) ?? null,
    metadata: applyMetadata({}, optionalMetadata(params)),
  });
  return expandFields(ctx.account.store, refund, expandList(params));
}

function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['expand']);
  const refund = getRefundOrThrow(ctx.account.store, pathParam(ctx, 'id'), { param: 'id' });
  return expandFields(ctx.account.store, refund, expandList(ctx.params));
}

export const refundRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/v1/refunds', run: create },
  { method: 'GET', pattern: '/v1/refunds/:id', run: retrieve },
];
